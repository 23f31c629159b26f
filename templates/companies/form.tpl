{{%AUTOESCAPE context="HTML"}}
{{#company}}<p><a href="/companies/{{id}}">← {{name}}</a></p>
<h1>{{t_companies_edit_title}}</h1>
<form method="post" action="/companies/{{id}}" class="stacked wide" novalidate>{{/company}}
{{#no_company}}<p><a href="/companies">← {{t_companies_title}}</a></p>
<h1>{{t_companies_new_title}}</h1>
<form method="post" action="/companies" class="stacked wide" novalidate>{{/no_company}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#version}}<input type="hidden" name="updated_at" value="{{updated_at}}">{{/version}}
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#has_conflict}}
  <div class="notice notice-warn" role="alert" id="conflict">
    <p>{{t_edit_conflict_intro}}</p>
    <ul>{{#conflict}}<li><strong>{{label}}</strong>: {{current}}</li>{{/conflict}}</ul>
    <p>{{t_edit_conflict_again}}</p>
  </div>
{{/has_conflict}}
{{#has_duplicates}}
  <div class="notice notice-warn" role="alert">
    <p>{{t_companies_duplicate_intro}}</p>
    <ul>{{#duplicates}}<li><a href="/companies/{{id}}">{{name}}</a>, {{postal_code}} {{city}}</li>{{/duplicates}}</ul>
    <label class="check"><input type="checkbox" name="confirm_duplicate" value="1"> {{t_companies_duplicate_confirm}}</label>
  </div>
{{/has_duplicates}}
{{#form}}
<fieldset><legend>{{t_companies_section_company}}</legend>
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}">
    <label for="name">{{t_field_name}}</label>
    <input id="name" name="name" type="text" value="{{name}}" required maxlength="200" autofocus{{#errors}}{{#name}} aria-invalid="true" aria-describedby="name-problem"{{/name}}{{/errors}}>
    {{#errors}}{{#name}}<p class="problem" id="name-problem">{{message}}</p>{{/name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#industry}} has-problem{{/industry}}{{/errors}}">
    <label for="industry">{{t_field_industry}}</label>
    <input id="industry" name="industry" type="text" value="{{industry}}" maxlength="100"{{#errors}}{{#industry}} aria-invalid="true" aria-describedby="industry-problem"{{/industry}}{{/errors}}>
    {{#errors}}{{#industry}}<p class="problem" id="industry-problem">{{message}}</p>{{/industry}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#employees}} has-problem{{/employees}}{{/errors}}">
    <label for="employees">{{t_field_employees}}</label>
    <input id="employees" name="employees" type="number" value="{{employees}}" min="0" inputmode="numeric"{{#errors}}{{#employees}} aria-invalid="true" aria-describedby="employees-problem"{{/employees}}{{/errors}}>
    {{#errors}}{{#employees}}<p class="problem" id="employees-problem">{{message}}</p>{{/employees}}{{/errors}}
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
    <input id="postal_code" name="postal_code" type="text" value="{{postal_code}}" inputmode="numeric" maxlength="5" pattern="[0-9]{5}" autocomplete="off"{{#errors}}{{#postal_code}} aria-invalid="true" aria-describedby="postal_code-problem"{{/postal_code}}{{/errors}}>
    {{#errors}}{{#postal_code}}<p class="problem" id="postal_code-problem">{{message}}</p>{{/postal_code}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#city}} has-problem{{/city}}{{/errors}}">
    <label for="city">{{t_field_city}}</label>
    <input id="city" name="city" type="text" value="{{city}}" maxlength="100" aria-describedby="city-hint{{#errors}}{{#city}} city-problem{{/city}}{{/errors}}"{{#errors}}{{#city}} aria-invalid="true"{{/city}}{{/errors}}>
    <p class="hint" id="city-hint">{{t_companies_city_hint}}</p>
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
  <div class="field{{#errors}}{{#website}} has-problem{{/website}}{{/errors}}">
    <label for="website">{{t_field_website}}</label>
    <input id="website" name="website" type="text" value="{{website}}" maxlength="300" inputmode="url"{{#errors}}{{#website}} aria-invalid="true" aria-describedby="website-problem"{{/website}}{{/errors}}>
    {{#errors}}{{#website}}<p class="problem" id="website-problem">{{message}}</p>{{/website}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_companies_section_training}}</legend>
  <div class="field{{#errors}}{{#training_status}} has-problem{{/training_status}}{{/errors}}">
    <label for="training_status">{{t_field_training_status}}</label>
    <select id="training_status" name="training_status"{{#errors}}{{#training_status}} aria-invalid="true" aria-describedby="training_status-problem"{{/training_status}}{{/errors}}>
{{#training_status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/training_status_options}}    </select>
    {{#errors}}{{#training_status}}<p class="problem" id="training_status-problem">{{message}}</p>{{/training_status}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#chamber}} has-problem{{/chamber}}{{/errors}}">
    <label for="chamber">{{t_field_chamber}}</label>
    <select id="chamber" name="chamber"{{#errors}}{{#chamber}} aria-invalid="true" aria-describedby="chamber-problem"{{/chamber}}{{/errors}}>
{{#chamber_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/chamber_options}}    </select>
    {{#errors}}{{#chamber}}<p class="problem" id="chamber-problem">{{message}}</p>{{/chamber}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#trainer_aptitude}} has-problem{{/trainer_aptitude}}{{/errors}}">
    <label for="trainer_aptitude">{{t_field_trainer_aptitude}}</label>
    <select id="trainer_aptitude" name="trainer_aptitude"{{#errors}}{{#trainer_aptitude}} aria-invalid="true" aria-describedby="trainer_aptitude-problem"{{/trainer_aptitude}}{{/errors}}>
{{#trainer_aptitude_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/trainer_aptitude_options}}    </select>
    {{#errors}}{{#trainer_aptitude}}<p class="problem" id="trainer_aptitude-problem">{{message}}</p>{{/trainer_aptitude}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#training_authorisation}} has-problem{{/training_authorisation}}{{/errors}}">
    <label for="training_authorisation">{{t_field_training_authorisation}}</label>
    <select id="training_authorisation" name="training_authorisation"{{#errors}}{{#training_authorisation}} aria-invalid="true" aria-describedby="training_authorisation-problem"{{/training_authorisation}}{{/errors}}>
{{#training_authorisation_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/training_authorisation_options}}    </select>
    {{#errors}}{{#training_authorisation}}<p class="problem" id="training_authorisation-problem">{{message}}</p>{{/training_authorisation}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_companies_section_people}}</legend>
  <div class="field{{#errors}}{{#owner_migration_background}} has-problem{{/owner_migration_background}}{{/errors}}">
    <label for="owner_migration_background">{{t_field_owner_migration_background}}</label>
    <select id="owner_migration_background" name="owner_migration_background"{{#errors}}{{#owner_migration_background}} aria-invalid="true" aria-describedby="owner_migration_background-problem"{{/owner_migration_background}}{{/errors}}>
{{#owner_migration_background_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/owner_migration_background_options}}    </select>
    {{#errors}}{{#owner_migration_background}}<p class="problem" id="owner_migration_background-problem">{{message}}</p>{{/owner_migration_background}}{{/errors}}
  </div>
  <fieldset class="checks langs{{#errors}}{{#languages}} has-problem{{/languages}}{{/errors}}" aria-describedby="languages-hint{{#errors}}{{#languages}} languages-problem{{/languages}}{{/errors}}">
    <legend>{{t_field_languages}}</legend>
    <p class="hint" id="languages-hint">{{t_companies_languages_hint}}</p>
{{#languages_options}}    <label><input type="checkbox" name="languages" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
{{/languages_options}}    {{#errors}}{{#languages}}<p class="problem" id="languages-problem">{{message}}</p>{{/languages}}{{/errors}}
  </fieldset>
{{/form}}
  <div class="field{{#errors}}{{#caseworker_id}} has-problem{{/caseworker_id}}{{/errors}}">
    <label for="caseworker_id">{{t_field_caseworker_id}}</label>
    <select id="caseworker_id" name="caseworker_id"{{#errors}}{{#caseworker_id}} aria-invalid="true" aria-describedby="caseworker_id-problem"{{/caseworker_id}}{{/errors}}>
{{#caseworkers}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/caseworkers}}    </select>
    {{#errors}}{{#caseworker_id}}<p class="problem" id="caseworker_id-problem">{{message}}</p>{{/caseworker_id}}{{/errors}}
  </div>
{{#form}}
  <div class="field{{#errors}}{{#tags}} has-problem{{/tags}}{{/errors}}">
    <label for="tags">{{t_field_tags}}</label>
    <input id="tags" name="tags" type="text" value="{{tags}}" maxlength="400" aria-describedby="tags-hint{{#errors}}{{#tags}} tags-problem{{/tags}}{{/errors}}"{{#errors}}{{#tags}} aria-invalid="true"{{/tags}}{{/errors}}>
    <p class="hint" id="tags-hint">{{t_companies_tags_hint}}</p>
    {{#errors}}{{#tags}}<p class="problem" id="tags-problem">{{message}}</p>{{/tags}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}">
    <label for="notes">{{t_field_notes}}</label>
    <textarea id="notes" name="notes" rows="5" maxlength="10000"{{#errors}}{{#notes}} aria-invalid="true" aria-describedby="notes-problem"{{/notes}}{{/errors}}>{{notes}}</textarea>
    {{#errors}}{{#notes}}<p class="problem" id="notes-problem">{{message}}</p>{{/notes}}{{/errors}}
  </div>
</fieldset>
{{/form}}
  <div class="form-actions"><button type="submit">{{t_save}}</button></div>
</form>
