{{%AUTOESCAPE context="HTML"}}
<div class="join">
<h1>{{t_join_heading}}</h1>
<p class="join-lead">{{t_join_lead}} <strong>{{#school}}{{name}}{{/school}}</strong></p>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="{{action}}" class="stacked" novalidate>
  <input type="hidden" name="csrf_token" value="{{form_token}}">
  <div class="hp" aria-hidden="true"><label for="website">{{t_join_leave_empty}}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
{{#form}}
<fieldset><legend>{{t_join_about_you}}</legend>
  <div class="field{{#errors}}{{#first_name}} has-problem{{/first_name}}{{/errors}}">
    <label for="first_name">{{t_field_first_name}}</label>
    <input id="first_name" name="first_name" type="text" value="{{first_name}}" required maxlength="100" autocomplete="given-name"{{#errors}}{{#first_name}} aria-invalid="true" aria-describedby="first_name-problem"{{/first_name}}{{/errors}}>
    {{#errors}}{{#first_name}}<p class="problem" id="first_name-problem">{{message}}</p>{{/first_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#last_name}} has-problem{{/last_name}}{{/errors}}">
    <label for="last_name">{{t_field_last_name}}</label>
    <input id="last_name" name="last_name" type="text" value="{{last_name}}" required maxlength="100" autocomplete="family-name"{{#errors}}{{#last_name}} aria-invalid="true" aria-describedby="last_name-problem"{{/last_name}}{{/errors}}>
    {{#errors}}{{#last_name}}<p class="problem" id="last_name-problem">{{message}}</p>{{/last_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#birth_date}} has-problem{{/birth_date}}{{/errors}}">
    <label for="birth_date">{{t_field_birth_date}}</label>
    <input id="birth_date" name="birth_date" type="date" value="{{birth_date}}" required autocomplete="bday"{{#errors}}{{#birth_date}} aria-invalid="true" aria-describedby="birth_date-problem"{{/birth_date}}{{/errors}}>
    {{#errors}}{{#birth_date}}<p class="problem" id="birth_date-problem">{{message}}</p>{{/birth_date}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_field_email}}</label>
    <input id="email" name="email" type="email" value="{{email}}" maxlength="254" autocomplete="email" aria-describedby="email-hint{{#errors}}{{#email}} email-problem{{/email}}{{/errors}}"{{#errors}}{{#email}} aria-invalid="true"{{/email}}{{/errors}}>
    <p class="hint" id="email-hint">{{t_join_contact_hint}}</p>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}">
    <label for="phone">{{t_field_phone}}</label>
    <input id="phone" name="phone" type="tel" value="{{phone}}" maxlength="30" autocomplete="tel"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="phone-problem"{{/phone}}{{/errors}}>
    {{#errors}}{{#phone}}<p class="problem" id="phone-problem">{{message}}</p>{{/phone}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#postal_code}} has-problem{{/postal_code}}{{/errors}}">
    <label for="postal_code">{{t_field_postal_code}}</label>
    <input id="postal_code" name="postal_code" type="text" value="{{postal_code}}" inputmode="numeric" maxlength="5" autocomplete="postal-code"{{#errors}}{{#postal_code}} aria-invalid="true" aria-describedby="postal_code-problem"{{/postal_code}}{{/errors}}>
    {{#errors}}{{#postal_code}}<p class="problem" id="postal_code-problem">{{message}}</p>{{/postal_code}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_join_school_and_wishes}}</legend>
  <div class="field{{#errors}}{{#certificate}} has-problem{{/certificate}}{{/errors}}">
    <label for="certificate">{{t_join_certificate}}</label>
    <select id="certificate" name="certificate"{{#errors}}{{#certificate}} aria-invalid="true" aria-describedby="certificate-problem"{{/certificate}}{{/errors}}>
{{#certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/certificate_options}}    </select>
    {{#errors}}{{#certificate}}<p class="problem" id="certificate-problem">{{message}}</p>{{/certificate}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#expected_certificate}} has-problem{{/expected_certificate}}{{/errors}}">
    <label for="expected_certificate">{{t_join_expected_certificate}}</label>
    <select id="expected_certificate" name="expected_certificate"{{#errors}}{{#expected_certificate}} aria-invalid="true" aria-describedby="expected_certificate-problem"{{/expected_certificate}}{{/errors}}>
      <option value="">{{t_choose_none}}</option>
{{#expected_certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/expected_certificate_options}}    </select>
    {{#errors}}{{#expected_certificate}}<p class="problem" id="expected_certificate-problem">{{message}}</p>{{/expected_certificate}}{{/errors}}
  </div>
  <fieldset class="{{#errors}}{{#desired_occupations}}has-problem{{/desired_occupations}}{{/errors}}" aria-describedby="occ-hint{{#errors}}{{#desired_occupations}} occ-problem{{/desired_occupations}}{{/errors}}">
    <legend>{{t_field_desired_occupations}}</legend>
    <p class="hint" id="occ-hint">{{t_candidates_occupations_hint}}</p>
{{#occupation_inputs}}    <div class="field"><label for="occ-{{n}}">{{t_candidates_wish}} {{n}}</label>
      <input id="occ-{{n}}" name="desired_occupations" type="text" list="occupation-names" value="{{value}}" maxlength="200" autocomplete="off"{{#errors}}{{#desired_occupations}} aria-invalid="true"{{/desired_occupations}}{{/errors}}></div>
{{/occupation_inputs}}    {{#errors}}{{#desired_occupations}}<p class="problem" id="occ-problem">{{message}}</p>{{/desired_occupations}}{{/errors}}
  </fieldset>
  <div class="field{{#errors}}{{#available_from}} has-problem{{/available_from}}{{/errors}}">
    <label for="available_from">{{t_join_available_from}}</label>
    <input id="available_from" name="available_from" type="date" value="{{available_from}}"{{#errors}}{{#available_from}} aria-invalid="true" aria-describedby="available_from-problem"{{/available_from}}{{/errors}}>
    {{#errors}}{{#available_from}}<p class="problem" id="available_from-problem">{{message}}</p>{{/available_from}}{{/errors}}
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
  <fieldset class="checks{{#errors}}{{#gender}} has-problem{{/gender}}{{/errors}}" aria-describedby="gender-hint">
    <legend>{{t_field_gender}}</legend>
    <p class="hint" id="gender-hint">{{t_join_gender_hint}}</p>
    <label><input type="radio" name="gender" value=""{{#gender_none}} checked{{/gender_none}}> {{t_join_gender_none}}</label>
{{#gender_options}}    <label><input type="radio" name="gender" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
{{/gender_options}}{{#errors}}{{#gender}}<p class="problem">{{message}}</p>{{/gender}}{{/errors}}
  </fieldset>
</fieldset>
<fieldset class="parent"><legend>{{t_join_parent}}</legend>
  <p class="hint">{{t_join_parent_hint}}</p>
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
  <div class="field{{#errors}}{{#parental_consent}} has-problem{{/parental_consent}}{{/errors}}">
    <label class="check"><input type="checkbox" id="parental_consent" name="parental_consent" value="1"{{#parental_consent}} checked{{/parental_consent}}{{#errors}}{{#parental_consent}} aria-invalid="true" aria-describedby="parental_consent-problem"{{/parental_consent}}{{/errors}}> {{t_join_parental_consent}}</label>
    {{#errors}}{{#parental_consent}}<p class="problem" id="parental_consent-problem">{{message}}</p>{{/parental_consent}}{{/errors}}
  </div>
</fieldset>
<fieldset><legend>{{t_join_privacy}}</legend>
  <div class="privacy-notice" id="privacy-text"><p>{{t_join_privacy_text}}</p><p class="muted">{{t_candidates_notice_version}} {{notice_version}} · <a href="/datenschutz">{{t_privacy_title}}</a></p></div>
  <div class="field{{#errors}}{{#privacy_consent}} has-problem{{/privacy_consent}}{{/errors}}">
    <label class="check"><input type="checkbox" id="privacy_consent" name="privacy_consent" value="1" aria-describedby="privacy-text{{#errors}}{{#privacy_consent}} privacy_consent-problem{{/privacy_consent}}{{/errors}}"{{#privacy_consent}} checked{{/privacy_consent}}{{#errors}}{{#privacy_consent}} aria-invalid="true"{{/privacy_consent}}{{/errors}}> {{t_join_privacy_consent}}</label>
    {{#errors}}{{#privacy_consent}}<p class="problem" id="privacy_consent-problem">{{message}}</p>{{/privacy_consent}}{{/errors}}
  </div>
</fieldset>
{{/form}}
  <div class="form-actions"><button type="submit">{{t_join_submit}}</button></div>
</form>
<datalist id="occupation-names">
{{#occupations}}  <option value="{{name}}"></option>
{{/occupations}}</datalist>
</div>
