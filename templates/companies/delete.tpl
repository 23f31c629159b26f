{{%AUTOESCAPE context="HTML"}}
<p><a href="/companies/{{id}}">← {{name}}</a></p>
<section class="narrow">
<h1>{{t_companies_delete_title}}</h1>
<p>{{t_companies_delete_question}} <strong>{{name}}</strong></p>
<p>{{t_companies_delete_consequence}}</p>
<form method="post" action="/companies/{{id}}/delete">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_companies_delete_confirm}}</button>
  <a href="/companies/{{id}}">{{t_cancel}}</a>
</form>
</section>
