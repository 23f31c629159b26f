{{%AUTOESCAPE context="HTML"}}
{{#partner}}<p><a href="/partners/{{id}}">← {{name}}</a></p>
<h1>{{t_partners_edit_title}}</h1>
<form method="post" action="/partners/{{id}}" class="stacked wide" novalidate>
<input type="hidden" name="updated_at" value="{{updated_at}}">{{/partner}}
{{#no_partner}}<p><a href="/partners">← {{t_partners_title}}</a></p>
<h1>{{t_partners_new_title}}</h1>
<form method="post" action="/partners" class="stacked wide" novalidate>{{/no_partner}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#form}}
<fieldset><legend>{{t_partners_section_partner}}</legend>
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}">
    <label for="name">{{t_field_name}}</label>
    <input id="name" name="name" type="text" value="{{name}}" required maxlength="200"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="name-problem"{{/name}}{{/errors}}>
    {{#errors}}{{#name}}<p class="problem" id="name-problem">{{message}}</p>{{/name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#kind}} has-problem{{/kind}}{{/errors}}">
    <label for="kind">{{t_field_partner_kind}}</label>
    <select id="kind" name="kind"{{#errors}}{{#kind}} aria-invalid="true" aria-describedby="kind-problem"{{/kind}}{{/errors}}>
{{#kind_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/kind_options}}    </select>
    {{#errors}}{{#kind}}<p class="problem" id="kind-problem">{{message}}</p>{{/kind}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#status}} has-problem{{/status}}{{/errors}}">
    <label for="status">{{t_field_partner_status}}</label>
    <select id="status" name="status"{{#errors}}{{#status}} aria-invalid="true" aria-describedby="status-problem"{{/status}}{{/errors}}>
{{#status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_options}}    </select>
    {{#errors}}{{#status}}<p class="problem" id="status-problem">{{message}}</p>{{/status}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#website}} has-problem{{/website}}{{/errors}}">
    <label for="website">{{t_field_website}}</label>
    <input id="website" name="website" type="url" value="{{website}}" maxlength="300"{{#errors}}{{#website}} aria-invalid="true" aria-describedby="website-problem"{{/website}}{{/errors}}>
    {{#errors}}{{#website}}<p class="problem" id="website-problem">{{message}}</p>{{/website}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_companies_section_address}}</legend>
  <div class="field{{#errors}}{{#street}} has-problem{{/street}}{{/errors}}">
    <label for="street">{{t_field_street}}</label>
    <input id="street" name="street" type="text" value="{{street}}" maxlength="200" autocomplete="off"{{#errors}}{{#street}} aria-invalid="true" aria-describedby="street-problem"{{/street}}{{/errors}}>
    {{#errors}}{{#street}}<p class="problem" id="street-problem">{{message}}</p>{{/street}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#postal_code}} has-problem{{/postal_code}}{{/errors}}">
    <label for="postal_code">{{t_field_postal_code}}</label>
    <input id="postal_code" name="postal_code" type="text" value="{{postal_code}}" inputmode="numeric" maxlength="5" autocomplete="off"{{#errors}}{{#postal_code}} aria-invalid="true" aria-describedby="postal_code-problem"{{/postal_code}}{{/errors}}>
    {{#errors}}{{#postal_code}}<p class="problem" id="postal_code-problem">{{message}}</p>{{/postal_code}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#city}} has-problem{{/city}}{{/errors}}">
    <label for="city">{{t_field_city}}</label>
    <input id="city" name="city" type="text" value="{{city}}" maxlength="100"{{#errors}}{{#city}} aria-invalid="true" aria-describedby="city-problem"{{/city}}{{/errors}}>
    {{#errors}}{{#city}}<p class="problem" id="city-problem">{{message}}</p>{{/city}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}">
    <label for="phone">{{t_field_phone}}</label>
    <input id="phone" name="phone" type="tel" value="{{phone}}" maxlength="30"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="phone-problem"{{/phone}}{{/errors}}>
    {{#errors}}{{#phone}}<p class="problem" id="phone-problem">{{message}}</p>{{/phone}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_field_email}}</label>
    <input id="email" name="email" type="email" value="{{email}}" maxlength="254"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}">
    <label for="notes">{{t_field_notes}}</label>
    <textarea id="notes" name="notes" rows="4" maxlength="10000"{{#errors}}{{#notes}} aria-invalid="true" aria-describedby="notes-problem"{{/notes}}{{/errors}}>{{notes}}</textarea>
    {{#errors}}{{#notes}}<p class="problem" id="notes-problem">{{message}}</p>{{/notes}}{{/errors}}
  </div>
</fieldset>
{{/form}}
  <div class="form-actions"><button type="submit">{{t_save}}</button></div>
</form>
