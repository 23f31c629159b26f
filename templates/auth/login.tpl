{{%AUTOESCAPE context="HTML"}}
<section class="narrow">
<h1>{{t_login_title}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/login" class="stacked">
{{#form}}
  <input type="hidden" name="next" value="{{next}}">
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_field_email}}</label>
    <input id="email" name="email" type="email" autocomplete="username" required autofocus value="{{email}}"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
{{/form}}
  <div class="field">
    <label for="password">{{t_field_password}}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required{{#errors}}{{#password}} aria-invalid="true" aria-describedby="password-problem"{{/password}}{{/errors}}>
    {{#errors}}{{#password}}<p class="problem" id="password-problem">{{message}}</p>{{/password}}{{/errors}}
  </div>
  <button type="submit">{{t_login}}</button>
</form>
</section>
