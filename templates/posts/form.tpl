{{%AUTOESCAPE context="HTML"}}
{{#post}}<p><a href="/posts/{{id}}">← {{title}}</a></p>
<h1>{{t_posts_edit_title}}</h1>
<form method="post" action="/posts/{{id}}" class="stacked wide" novalidate>{{/post}}
{{#no_post}}{{#company}}<p><a href="/companies/{{id}}">← {{name}}</a></p>{{/company}}
<h1>{{t_posts_new_title}}</h1>
<form method="post" action="/posts" class="stacked wide" novalidate>{{/no_post}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#version}}<input type="hidden" name="updated_at" value="{{updated_at}}">{{/version}}
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#company}}<p>{{t_field_company}}: <strong>{{name}}</strong></p>{{/company}}
{{#has_suggestions}}
  <fieldset class="suggestions">
    <legend>{{t_posts_did_you_mean}}</legend>
{{#suggestions}}    <label class="check"><input type="radio" name="occupation_id" value="{{id}}"> {{name}}</label>
{{/suggestions}}  </fieldset>
{{/has_suggestions}}
{{#form}}
  <input type="hidden" name="company_id" value="{{company_id}}">
<fieldset><legend>{{t_posts_section_post}}</legend>
  <div class="field{{#errors}}{{#occupation_id}} has-problem{{/occupation_id}}{{/errors}}">
    <label for="occupation">{{t_field_occupation_id}}</label>
    <input id="occupation" name="occupation" type="text" list="occupation-names" value="{{occupation}}" maxlength="300" autocomplete="off" required aria-describedby="occupation-hint{{#errors}}{{#occupation_id}} occupation-problem{{/occupation_id}}{{/errors}}"{{#errors}}{{#occupation_id}} aria-invalid="true"{{/occupation_id}}{{/errors}}>
    <p class="hint" id="occupation-hint">{{t_posts_occupation_hint}}</p>
    {{#errors}}{{#occupation_id}}<p class="problem" id="occupation-problem">{{message}}</p>{{/occupation_id}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#title}} has-problem{{/title}}{{/errors}}">
    <label for="title">{{t_field_title}}</label>
    <input id="title" name="title" type="text" value="{{title}}" maxlength="200" required{{#errors}}{{#title}} aria-invalid="true" aria-describedby="title-problem"{{/title}}{{/errors}}>
    {{#errors}}{{#title}}<p class="problem" id="title-problem">{{message}}</p>{{/title}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#places}} has-problem{{/places}}{{/errors}}">
    <label for="places">{{t_field_places}}</label>
    <input id="places" name="places" type="number" value="{{places}}" min="1" max="99" inputmode="numeric" required{{#errors}}{{#places}} aria-invalid="true" aria-describedby="places-problem"{{/places}}{{/errors}}>
    {{#errors}}{{#places}}<p class="problem" id="places-problem">{{message}}</p>{{/places}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#start_date}} has-problem{{/start_date}}{{/errors}}">
    <label for="start_date">{{t_field_start_date}}</label>
    <input id="start_date" name="start_date" type="date" value="{{start_date}}" required{{#errors}}{{#start_date}} aria-invalid="true" aria-describedby="start_date-problem"{{/start_date}}{{/errors}}>
    {{#errors}}{{#start_date}}<p class="problem" id="start_date-problem">{{message}}</p>{{/start_date}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#min_certificate}} has-problem{{/min_certificate}}{{/errors}}">
    <label for="min_certificate">{{t_field_min_certificate}}</label>
    <select id="min_certificate" name="min_certificate"{{#errors}}{{#min_certificate}} aria-invalid="true" aria-describedby="min_certificate-problem"{{/min_certificate}}{{/errors}}>
{{#min_certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/min_certificate_options}}    </select>
    {{#errors}}{{#min_certificate}}<p class="problem" id="min_certificate-problem">{{message}}</p>{{/min_certificate}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#postal_code}} has-problem{{/postal_code}}{{/errors}}">
    <label for="postal_code">{{t_field_postal_code}}</label>
    <input id="postal_code" name="postal_code" type="text" value="{{postal_code}}" inputmode="numeric" maxlength="5" autocomplete="off" aria-describedby="postal_code-hint{{#errors}}{{#postal_code}} postal_code-problem{{/postal_code}}{{/errors}}"{{#errors}}{{#postal_code}} aria-invalid="true"{{/postal_code}}{{/errors}}>
    <p class="hint" id="postal_code-hint">{{t_posts_postal_code_hint}}</p>
    {{#errors}}{{#postal_code}}<p class="problem" id="postal_code-problem">{{message}}</p>{{/postal_code}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#languages}} has-problem{{/languages}}{{/errors}}">
    <label for="languages">{{t_field_languages}}</label>
    <input id="languages" name="languages" type="text" value="{{languages}}" maxlength="100" aria-describedby="languages-hint{{#errors}}{{#languages}} languages-problem{{/languages}}{{/errors}}"{{#errors}}{{#languages}} aria-invalid="true"{{/languages}}{{/errors}}>
    <p class="hint" id="languages-hint">{{t_companies_languages_hint}}</p>
    {{#errors}}{{#languages}}<p class="problem" id="languages-problem">{{message}}</p>{{/languages}}{{/errors}}
  </div>
  <div class="field field-check">
    <label><input type="checkbox" name="part_time" value="1"{{#part_time}} checked{{/part_time}}> {{t_field_part_time}}</label>
  </div>
  <div class="field field-check">
    <label><input type="checkbox" name="internship" value="1"{{#internship}} checked{{/internship}}> {{t_field_internship}}</label>
  </div>
  <div class="field{{#errors}}{{#description}} has-problem{{/description}}{{/errors}}">
    <label for="description">{{t_field_description}}</label>
    <textarea id="description" name="description" rows="5" maxlength="5000"{{#errors}}{{#description}} aria-invalid="true" aria-describedby="description-problem"{{/description}}{{/errors}}>{{description}}</textarea>
    {{#errors}}{{#description}}<p class="problem" id="description-problem">{{message}}</p>{{/description}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_field_pay}}</legend>
  <div class="field{{#errors}}{{#pay_1}} has-problem{{/pay_1}}{{/errors}}">
    <label for="pay_1">{{t_posts_pay_year_1}}</label>
    <input id="pay_1" name="pay_1" type="number" value="{{pay_1}}" min="0" max="10000" inputmode="numeric"{{#errors}}{{#pay_1}} aria-invalid="true" aria-describedby="pay_1-problem"{{/pay_1}}{{/errors}}>
    {{#errors}}{{#pay_1}}<p class="problem" id="pay_1-problem">{{message}}</p>{{/pay_1}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#pay_2}} has-problem{{/pay_2}}{{/errors}}">
    <label for="pay_2">{{t_posts_pay_year_2}}</label>
    <input id="pay_2" name="pay_2" type="number" value="{{pay_2}}" min="0" max="10000" inputmode="numeric"{{#errors}}{{#pay_2}} aria-invalid="true" aria-describedby="pay_2-problem"{{/pay_2}}{{/errors}}>
    {{#errors}}{{#pay_2}}<p class="problem" id="pay_2-problem">{{message}}</p>{{/pay_2}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#pay_3}} has-problem{{/pay_3}}{{/errors}}">
    <label for="pay_3">{{t_posts_pay_year_3}}</label>
    <input id="pay_3" name="pay_3" type="number" value="{{pay_3}}" min="0" max="10000" inputmode="numeric"{{#errors}}{{#pay_3}} aria-invalid="true" aria-describedby="pay_3-problem"{{/pay_3}}{{/errors}}>
    {{#errors}}{{#pay_3}}<p class="problem" id="pay_3-problem">{{message}}</p>{{/pay_3}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#pay_4}} has-problem{{/pay_4}}{{/errors}}">
    <label for="pay_4">{{t_posts_pay_year_4}}</label>
    <input id="pay_4" name="pay_4" type="number" value="{{pay_4}}" min="0" max="10000" inputmode="numeric"{{#errors}}{{#pay_4}} aria-invalid="true" aria-describedby="pay_4-problem"{{/pay_4}}{{/errors}}>
    {{#errors}}{{#pay_4}}<p class="problem" id="pay_4-problem">{{message}}</p>{{/pay_4}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_posts_section_contact}}</legend>
{{/form}}
  <div class="field{{#errors}}{{#contact_id}} has-problem{{/contact_id}}{{/errors}}">
    <label for="contact_id">{{t_field_contact_id}}</label>
    <select id="contact_id" name="contact_id"{{#errors}}{{#contact_id}} aria-invalid="true" aria-describedby="contact_id-problem"{{/contact_id}}{{/errors}}>
      <option value="">{{t_posts_no_contact}}</option>
{{#contacts}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/contacts}}    </select>
    {{#errors}}{{#contact_id}}<p class="problem" id="contact_id-problem">{{message}}</p>{{/contact_id}}{{/errors}}
  </div>
{{#form}}
  <div class="field{{#errors}}{{#apply_until}} has-problem{{/apply_until}}{{/errors}}">
    <label for="apply_until">{{t_field_apply_until}}</label>
    <input id="apply_until" name="apply_until" type="date" value="{{apply_until}}"{{#errors}}{{#apply_until}} aria-invalid="true" aria-describedby="apply_until-problem"{{/apply_until}}{{/errors}}>
    {{#errors}}{{#apply_until}}<p class="problem" id="apply_until-problem">{{message}}</p>{{/apply_until}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#expires_on}} has-problem{{/expires_on}}{{/errors}}">
    <label for="expires_on">{{t_field_expires_on}}</label>
    <input id="expires_on" name="expires_on" type="date" value="{{expires_on}}" aria-describedby="expires_on-hint{{#errors}}{{#expires_on}} expires_on-problem{{/expires_on}}{{/errors}}"{{#errors}}{{#expires_on}} aria-invalid="true"{{/expires_on}}{{/errors}}>
    <p class="hint" id="expires_on-hint">{{t_posts_expires_hint}}</p>
    {{#errors}}{{#expires_on}}<p class="problem" id="expires_on-problem">{{message}}</p>{{/expires_on}}{{/errors}}
  </div>
</fieldset>
{{/form}}
  <div class="form-actions"><button type="submit">{{t_save}}</button></div>
</form>
<datalist id="occupation-names">
{{#occupation_names}}<option value="{{name}}">
{{/occupation_names}}</datalist>
