{{%AUTOESCAPE context="HTML"}}
<p><a href="/partners/{{id}}">← {{name}}</a></p>
<section class="narrow">
<h1>{{t_partners_delete_title}}</h1>
<p>{{t_partners_delete_question}} <strong>{{name}}</strong></p>
<p>{{t_partners_delete_consequence}}</p>
<form method="post" action="/partners/{{id}}/delete">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_partners_delete_confirm}}</button>
  <a href="/partners/{{id}}">{{t_cancel}}</a>
</form>
</section>
