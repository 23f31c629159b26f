{{%AUTOESCAPE context="HTML"}}
{{#candidate}}<p><a href="/candidates/{{id}}">← {{first_name}} {{last_name}}</a></p>
<h1>{{t_candidates_edit_title}}</h1>
<form method="post" action="/candidates/{{id}}" class="stacked wide" novalidate>
<input type="hidden" name="updated_at" value="{{updated_at}}">{{/candidate}}
{{#no_candidate}}<p><a href="/candidates">← {{t_candidates_title}}</a></p>
<h1>{{t_candidates_new_title}}</h1>
<form method="post" action="/candidates" class="stacked wide" novalidate>{{/no_candidate}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#form}}
<fieldset><legend>{{t_candidates_section_person}}</legend>
  <div class="field{{#errors}}{{#first_name}} has-problem{{/first_name}}{{/errors}}">
    <label for="first_name">{{t_field_first_name}}</label>
    <input id="first_name" name="first_name" type="text" value="{{first_name}}" required maxlength="100" autocomplete="off"{{#errors}}{{#first_name}} aria-invalid="true" aria-describedby="first_name-problem"{{/first_name}}{{/errors}}>
    {{#errors}}{{#first_name}}<p class="problem" id="first_name-problem">{{message}}</p>{{/first_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#last_name}} has-problem{{/last_name}}{{/errors}}">
    <label for="last_name">{{t_field_last_name}}</label>
    <input id="last_name" name="last_name" type="text" value="{{last_name}}" required maxlength="100" autocomplete="off"{{#errors}}{{#last_name}} aria-invalid="true" aria-describedby="last_name-problem"{{/last_name}}{{/errors}}>
    {{#errors}}{{#last_name}}<p class="problem" id="last_name-problem">{{message}}</p>{{/last_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#birth_date}} has-problem{{/birth_date}}{{/errors}}">
    <label for="birth_date">{{t_field_birth_date}}</label>
    <input id="birth_date" name="birth_date" type="date" value="{{birth_date}}" required{{#errors}}{{#birth_date}} aria-invalid="true" aria-describedby="birth_date-problem"{{/birth_date}}{{/errors}}>
    {{#errors}}{{#birth_date}}<p class="problem" id="birth_date-problem">{{message}}</p>{{/birth_date}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#gender}} has-problem{{/gender}}{{/errors}}">
    <label for="gender">{{t_field_gender}}</label>
    <select id="gender" name="gender"{{#errors}}{{#gender}} aria-invalid="true" aria-describedby="gender-problem"{{/gender}}{{/errors}}>
      <option value="">{{t_choose_none}}</option>
{{#gender_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/gender_options}}    </select>
    {{#errors}}{{#gender}}<p class="problem" id="gender-problem">{{message}}</p>{{/gender}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_field_email}}</label>
    <input id="email" name="email" type="email" value="{{email}}" maxlength="254" autocomplete="off"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}">
    <label for="phone">{{t_field_phone}}</label>
    <input id="phone" name="phone" type="tel" value="{{phone}}" maxlength="30" autocomplete="off"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="phone-problem"{{/phone}}{{/errors}}>
    {{#errors}}{{#phone}}<p class="problem" id="phone-problem">{{message}}</p>{{/phone}}{{/errors}}
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
</fieldset>
{{/form}}
<fieldset><legend>{{t_candidates_section_school}}</legend>
  <div class="field{{#errors}}{{#school_id}} has-problem{{/school_id}}{{/errors}}">
    <label for="school_id">{{t_field_school_id}}</label>
    <select id="school_id" name="school_id"{{#errors}}{{#school_id}} aria-invalid="true" aria-describedby="school_id-problem"{{/school_id}}{{/errors}}>
      <option value="">{{t_choose_none}}</option>
{{#schools}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/schools}}    </select>
    {{#errors}}{{#school_id}}<p class="problem" id="school_id-problem">{{message}}</p>{{/school_id}}{{/errors}}
  </div>
{{#form}}
  <div class="field{{#errors}}{{#certificate}} has-problem{{/certificate}}{{/errors}}">
    <label for="certificate">{{t_field_certificate}}</label>
    <select id="certificate" name="certificate"{{#errors}}{{#certificate}} aria-invalid="true" aria-describedby="certificate-problem"{{/certificate}}{{/errors}}>
{{#certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/certificate_options}}    </select>
    {{#errors}}{{#certificate}}<p class="problem" id="certificate-problem">{{message}}</p>{{/certificate}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#expected_certificate}} has-problem{{/expected_certificate}}{{/errors}}">
    <label for="expected_certificate">{{t_field_expected_certificate}}</label>
    <select id="expected_certificate" name="expected_certificate"{{#errors}}{{#expected_certificate}} aria-invalid="true" aria-describedby="expected_certificate-problem"{{/expected_certificate}}{{/errors}}>
      <option value="">{{t_choose_none}}</option>
{{#expected_certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/expected_certificate_options}}    </select>
    {{#errors}}{{#expected_certificate}}<p class="problem" id="expected_certificate-problem">{{message}}</p>{{/expected_certificate}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_candidates_section_wishes}}</legend>
  <fieldset class="{{#errors}}{{#desired_occupations}}has-problem{{/desired_occupations}}{{/errors}}" aria-describedby="occ-hint{{#errors}}{{#desired_occupations}} occ-problem{{/desired_occupations}}{{/errors}}">
    <legend>{{t_field_desired_occupations}}</legend>
    <p class="hint" id="occ-hint">{{t_candidates_occupations_hint}}</p>
{{#occupation_inputs}}    <div class="field"><label for="occ-{{n}}">{{t_candidates_wish}} {{n}}</label>
      <input id="occ-{{n}}" name="desired_occupations" type="text" list="occupation-names" value="{{value}}" maxlength="200" autocomplete="off"{{#errors}}{{#desired_occupations}} aria-invalid="true"{{/desired_occupations}}{{/errors}}></div>
{{/occupation_inputs}}    {{#errors}}{{#desired_occupations}}<p class="problem" id="occ-problem">{{message}}</p>{{/desired_occupations}}{{/errors}}
  </fieldset>
  <div class="field{{#errors}}{{#available_from}} has-problem{{/available_from}}{{/errors}}">
    <label for="available_from">{{t_field_available_from}}</label>
    <input id="available_from" name="available_from" type="date" value="{{available_from}}"{{#errors}}{{#available_from}} aria-invalid="true" aria-describedby="available_from-problem"{{/available_from}}{{/errors}}>
    {{#errors}}{{#available_from}}<p class="problem" id="available_from-problem">{{message}}</p>{{/available_from}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#max_commute_km}} has-problem{{/max_commute_km}}{{/errors}}">
    <label for="max_commute_km">{{t_field_max_commute_km}}</label>
    <input id="max_commute_km" name="max_commute_km" type="number" value="{{max_commute_km}}" min="0" max="500" inputmode="numeric"{{#errors}}{{#max_commute_km}} aria-invalid="true" aria-describedby="max_commute_km-problem"{{/max_commute_km}}{{/errors}}>
    {{#errors}}{{#max_commute_km}}<p class="problem" id="max_commute_km-problem">{{message}}</p>{{/max_commute_km}}{{/errors}}
  </div>
  <div class="field">
    <label><input type="checkbox" name="match_opt_out" value="1" aria-describedby="match_opt_out-hint"{{#match_opt_out}} checked{{/match_opt_out}}> {{t_field_match_opt_out}}</label>
    <p class="hint" id="match_opt_out-hint">{{t_candidates_opt_out_hint}}</p>
  </div>
  <details class="langs-more"{{#errors}}{{#languages}} open{{/languages}}{{/errors}}>
  <summary>{{t_field_languages}}</summary>
  <fieldset class="checks langs{{#errors}}{{#languages}} has-problem{{/languages}}{{/errors}}"{{#errors}}{{#languages}} aria-describedby="languages-problem"{{/languages}}{{/errors}}>
    <legend class="visually-hidden">{{t_field_languages}}</legend>
{{#languages_options}}    <label><input type="checkbox" name="languages" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
{{/languages_options}}    {{#errors}}{{#languages}}<p class="problem" id="languages-problem">{{message}}</p>{{/languages}}{{/errors}}
  </fieldset>
  </details>
  <fieldset class="checks{{#errors}}{{#migration_background}} has-problem{{/migration_background}}{{/errors}}" aria-describedby="mig-hint">
    <legend>{{t_field_migration_background}}</legend>
    <p class="hint" id="mig-hint">{{t_candidates_migration_hint}}</p>
{{#migration_background_options}}    <label><input type="radio" name="migration_background" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
{{/migration_background_options}}  </fieldset>
</fieldset>
<fieldset><legend>{{t_candidates_section_parent}}</legend>
  <div class="field{{#errors}}{{#parent_name}} has-problem{{/parent_name}}{{/errors}}">
    <label for="parent_name">{{t_field_parent_name}}</label>
    <input id="parent_name" name="parent_name" type="text" value="{{parent_name}}" maxlength="200" autocomplete="off"{{#errors}}{{#parent_name}} aria-invalid="true" aria-describedby="parent_name-problem"{{/parent_name}}{{/errors}}>
    {{#errors}}{{#parent_name}}<p class="problem" id="parent_name-problem">{{message}}</p>{{/parent_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#parent_email}} has-problem{{/parent_email}}{{/errors}}">
    <label for="parent_email">{{t_field_parent_email}}</label>
    <input id="parent_email" name="parent_email" type="email" value="{{parent_email}}" maxlength="254" autocomplete="off"{{#errors}}{{#parent_email}} aria-invalid="true" aria-describedby="parent_email-problem"{{/parent_email}}{{/errors}}>
    {{#errors}}{{#parent_email}}<p class="problem" id="parent_email-problem">{{message}}</p>{{/parent_email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#parent_phone}} has-problem{{/parent_phone}}{{/errors}}">
    <label for="parent_phone">{{t_field_parent_phone}}</label>
    <input id="parent_phone" name="parent_phone" type="tel" value="{{parent_phone}}" maxlength="30" autocomplete="off"{{#errors}}{{#parent_phone}} aria-invalid="true" aria-describedby="parent_phone-problem"{{/parent_phone}}{{/errors}}>
    {{#errors}}{{#parent_phone}}<p class="problem" id="parent_phone-problem">{{message}}</p>{{/parent_phone}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_candidates_section_work}}</legend>
  <div class="field{{#errors}}{{#status}} has-problem{{/status}}{{/errors}}">
    <label for="status">{{t_field_status}}</label>
    <select id="status" name="status"{{#errors}}{{#status}} aria-invalid="true" aria-describedby="status-problem"{{/status}}{{/errors}}>
{{#status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_options}}    </select>
    {{#errors}}{{#status}}<p class="problem" id="status-problem">{{message}}</p>{{/status}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}">
    <label for="notes">{{t_field_notes}}</label>
    <textarea id="notes" name="notes" rows="4" maxlength="10000"{{#errors}}{{#notes}} aria-invalid="true" aria-describedby="notes-problem"{{/notes}}{{/errors}}>{{notes}}</textarea>
    {{#errors}}{{#notes}}<p class="problem" id="notes-problem">{{message}}</p>{{/notes}}{{/errors}}
  </div>
</fieldset>
{{/form}}
{{#no_candidate}}  <div class="field"><label class="check"><input type="checkbox" name="privacy_consent" value="1"> {{t_candidates_consent_on_paper}}</label></div>{{/no_candidate}}
  <div class="form-actions"><button type="submit">{{t_save}}</button></div>
</form>
<datalist id="occupation-names">
{{#occupations}}  <option value="{{name}}"></option>
{{/occupations}}</datalist>
