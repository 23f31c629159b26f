{{%AUTOESCAPE context="HTML"}}
<p><a href="/companies/{{company_id}}#contacts">← {{company_name}}</a></p>
<section class="narrow">
<h1>{{t_companies_remove_contact_title}}</h1>
<p>{{t_companies_remove_contact_question}} <strong>{{name}}</strong> {{role}}</p>
<form method="post" action="/companies/{{company_id}}/contacts/{{id}}/delete">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_companies_remove_contact_confirm}}</button>
  <a href="/companies/{{company_id}}#contacts">{{t_cancel}}</a>
</form>
</section>
