{{%AUTOESCAPE context="HTML"}}
<h1>{{t_me_title}}</h1>
<dl class="facts">
  <dt>{{t_field_name}}</dt><dd>{{name}}</dd>
  <dt>{{t_field_email}}</dt><dd>{{email}}</dd>
  <dt>{{t_field_role}}</dt><dd>{{role_label}}</dd>
</dl>
<p><a href="/me/sessions">{{t_me_sessions_link}}</a></p>
<p><a href="/me/mfa">{{t_me_mfa_link}}</a></p>
<section class="narrow">
<h2>{{t_me_password_heading}}</h2>
{{#must_change_password}}<div class="notice notice-warn" role="alert">{{t_me_password_must_change}}</div>{{/must_change_password}}
{{#password_changed}}<div class="notice notice-ok" role="status">{{t_me_password_changed}}</div>{{/password_changed}}
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/me/password" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <div class="field{{#errors}}{{#current_password}} has-problem{{/current_password}}{{/errors}}">
    <label for="current_password">{{t_field_current_password}}</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required{{#errors}}{{#current_password}} aria-invalid="true" aria-describedby="current_password-problem"{{/current_password}}{{/errors}}>
    {{#errors}}{{#current_password}}<p class="problem" id="current_password-problem">{{message}}</p>{{/current_password}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#new_password}} has-problem{{/new_password}}{{/errors}}">
    <label for="new_password">{{t_field_new_password}}</label>
    <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="10" maxlength="128" required aria-describedby="new_password-hint{{#errors}}{{#new_password}} new_password-problem{{/new_password}}{{/errors}}"{{#errors}}{{#new_password}} aria-invalid="true"{{/new_password}}{{/errors}}>
    <p class="hint" id="new_password-hint">{{t_password_hint}}</p>
    {{#errors}}{{#new_password}}<p class="problem" id="new_password-problem">{{message}}</p>{{/new_password}}{{/errors}}
  </div>
  <button type="submit">{{t_me_password_submit}}</button>
</form>
</section>
