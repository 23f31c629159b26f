{{%AUTOESCAPE context="HTML"}}
<p><a href="/companies/{{company_id}}#contacts">← {{company_name}}</a></p>
<section class="narrow">
<h1>{{t_companies_edit_contact}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/companies/{{company_id}}/contacts/{{id}}" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#form}}
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}"><label for="c-name">{{t_field_name}}</label>
    <input id="c-name" name="name" required maxlength="200" autocomplete="off" value="{{name}}"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="c-name-problem"{{/name}}{{/errors}}>{{#errors}}{{#name}}<p class="problem" id="c-name-problem">{{message}}</p>{{/name}}{{/errors}}</div>
  <div class="field"><label for="c-role">{{t_field_contact_role}}</label><input id="c-role" name="role" maxlength="100" value="{{role}}"></div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}"><label for="c-phone">{{t_field_phone}}</label>
    <input id="c-phone" name="phone" type="tel" maxlength="30" autocomplete="off" value="{{phone}}"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="c-phone-problem"{{/phone}}{{/errors}}>{{#errors}}{{#phone}}<p class="problem" id="c-phone-problem">{{message}}</p>{{/phone}}{{/errors}}</div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}"><label for="c-email">{{t_field_email}}</label>
    <input id="c-email" name="email" type="email" maxlength="254" autocomplete="off" value="{{email}}"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="c-email-problem"{{/email}}{{/errors}}>{{#errors}}{{#email}}<p class="problem" id="c-email-problem">{{message}}</p>{{/email}}{{/errors}}</div>
{{/form}}
  <button type="submit">{{t_save}}</button>
  <a href="/companies/{{company_id}}#contacts">{{t_cancel}}</a>
</form>
</section>
