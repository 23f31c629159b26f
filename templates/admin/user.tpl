{{%AUTOESCAPE context="HTML"}}
<p><a href="/admin/users">← {{t_users_title}}</a></p>
<h1>{{name}}</h1>
<p class="muted">{{email}}</p>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#sessions_ended}}<div class="notice notice-ok" role="status">{{t_users_sessions_ended}}</div>{{/sessions_ended}}
<div class="columns">
<section>
<h2>{{t_users_edit_heading}}</h2>
<form method="post" action="/admin/users/{{id}}" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#form}}
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
  <div class="field field-check{{#errors}}{{#active}} has-problem{{/active}}{{/errors}}">
    <label><input type="checkbox" name="active" value="1"{{#active}} checked{{/active}}> {{t_users_may_log_in}}</label>
    {{#errors}}{{#active}}<p class="problem">{{message}}</p>{{/active}}{{/errors}}
  </div>
{{/form}}
  <button type="submit">{{t_save}}</button>
</form>
</section>
<section>
<h2>{{t_users_reset_heading}}</h2>
<form method="post" action="/admin/users/{{id}}/password" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <div class="field{{#errors}}{{#password}} has-problem{{/password}}{{/errors}}">
    <label for="password">{{t_field_new_password}}</label>
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" maxlength="128" required aria-describedby="password-hint{{#errors}}{{#password}} password-problem{{/password}}{{/errors}}"{{#errors}}{{#password}} aria-invalid="true"{{/password}}{{/errors}}>
    <p class="hint" id="password-hint">{{t_users_reset_hint}}</p>
    {{#errors}}{{#password}}<p class="problem" id="password-problem">{{message}}</p>{{/password}}{{/errors}}
  </div>
  <button type="submit">{{t_users_reset_submit}}</button>
</form>
<form method="post" action="/admin/users/{{id}}/sessions">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-secondary">{{t_users_end_sessions}}</button>
</form>
<h2>{{t_users_mfa_heading}}</h2>
{{#mfa_was_reset}}<div class="notice notice-ok" role="status">{{t_users_mfa_was_reset}}</div>{{/mfa_was_reset}}
{{#no_mfa_enabled}}<p>{{t_users_mfa_off}}</p>{{/no_mfa_enabled}}
{{#mfa_enabled}}<p>{{t_users_mfa_on}}</p>
<form method="post" action="/admin/users/{{id}}/mfa/reset">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <p class="hint">{{t_users_mfa_reset_hint}}</p>
  <button type="submit" class="button-secondary">{{t_users_mfa_reset}}</button>
</form>{{/mfa_enabled}}
<p><a href="/admin/audit?user_id={{id}}">{{t_users_audit_link}}</a></p>
</section>
</div>
