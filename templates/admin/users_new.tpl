{{%AUTOESCAPE context="HTML"}}
<p><a href="/admin/users">← {{t_users_title}}</a></p>
<section class="narrow">
<h1>{{t_users_new_title}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/admin/users" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#form}}
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_field_email}}</label>
    <input id="email" name="email" type="email" required maxlength="254" value="{{email}}"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}">
    <label for="name">{{t_field_name}}</label>
    <input id="name" name="name" required maxlength="200" value="{{name}}"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="name-problem"{{/name}}{{/errors}}>
    {{#errors}}{{#name}}<p class="problem" id="name-problem">{{message}}</p>{{/name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#role}} has-problem{{/role}}{{/errors}}">
    <label for="role">{{t_field_role}}</label>
    <select id="role" name="role"{{#errors}}{{#role}} aria-invalid="true" aria-describedby="role-problem"{{/role}}{{/errors}}>
      <option value="caseworker"{{#role_caseworker}} selected{{/role_caseworker}}>{{t_role_caseworker}}</option>
      <option value="viewer"{{#role_viewer}} selected{{/role_viewer}}>{{t_role_viewer}}</option>
      <option value="admin"{{#role_admin}} selected{{/role_admin}}>{{t_role_admin}}</option>
    </select>
    {{#errors}}{{#role}}<p class="problem" id="role-problem">{{message}}</p>{{/role}}{{/errors}}
  </div>
{{/form}}
  <div class="field{{#errors}}{{#password}} has-problem{{/password}}{{/errors}}">
    <label for="password">{{t_field_password}}</label>
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" maxlength="128" required aria-describedby="password-hint{{#errors}}{{#password}} password-problem{{/password}}{{/errors}}"{{#errors}}{{#password}} aria-invalid="true"{{/password}}{{/errors}}>
    <p class="hint" id="password-hint">{{t_password_hint}}</p>
    {{#errors}}{{#password}}<p class="problem" id="password-problem">{{message}}</p>{{/password}}{{/errors}}
  </div>
  <button type="submit">{{t_users_create_submit}}</button>
</form>
</section>
