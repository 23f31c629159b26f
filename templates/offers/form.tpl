{{%AUTOESCAPE context="HTML"}}
<section class="offer">
<h1>{{t_offer_title}}</h1>
<p class="lead">{{t_offer_lead}}</p>
{{#help_phone}}<p>{{t_offer_questions}} <a href="tel:{{tel}}">{{text}}</a></p>{{/help_phone}}
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/offer" class="stacked" novalidate>
  <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">{{t_offer_send}}</button>
  <input type="hidden" name="form_token" value="{{form_token}}">
{{#form}}
<fieldset><legend>{{t_offer_section_company}}</legend>
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}">
    <label for="name">{{t_offer_field_name}}</label>
    <input id="name" name="name" type="text" value="{{name}}" maxlength="200" required autocomplete="organization"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="name-problem"{{/name}}{{/errors}}>
    {{#errors}}{{#name}}<p class="problem" id="name-problem">{{message}}</p>{{/name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}">
    <label for="phone">{{t_offer_field_phone}}</label>
    <input id="phone" name="phone" type="tel" value="{{phone}}" maxlength="30" required autocomplete="tel" aria-describedby="phone-hint{{#errors}}{{#phone}} phone-problem{{/phone}}{{/errors}}"{{#errors}}{{#phone}} aria-invalid="true"{{/phone}}{{/errors}}>
    <p class="hint" id="phone-hint">{{t_offer_phone_hint}}</p>
    {{#errors}}{{#phone}}<p class="problem" id="phone-problem">{{message}}</p>{{/phone}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#contact_name}} has-problem{{/contact_name}}{{/errors}}">
    <label for="contact_name">{{t_offer_field_contact_name}}</label>
    <input id="contact_name" name="contact_name" type="text" value="{{contact_name}}" maxlength="200" required autocomplete="name" aria-describedby="contact_name-hint{{#errors}}{{#contact_name}} contact_name-problem{{/contact_name}}{{/errors}}"{{#errors}}{{#contact_name}} aria-invalid="true"{{/contact_name}}{{/errors}}>
    <p class="hint" id="contact_name-hint">{{t_offer_contact_hint}}</p>
    {{#errors}}{{#contact_name}}<p class="problem" id="contact_name-problem">{{message}}</p>{{/contact_name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="email">{{t_offer_field_email}}</label>
    <input id="email" name="email" type="email" value="{{email}}" maxlength="254" autocomplete="email"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#street}} has-problem{{/street}}{{/errors}}">
    <label for="street">{{t_offer_field_street}}</label>
    <input id="street" name="street" type="text" value="{{street}}" maxlength="200" autocomplete="street-address"{{#errors}}{{#street}} aria-invalid="true" aria-describedby="street-problem"{{/street}}{{/errors}}>
    {{#errors}}{{#street}}<p class="problem" id="street-problem">{{message}}</p>{{/street}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#postal_code}} has-problem{{/postal_code}}{{/errors}}">
    <label for="postal_code">{{t_field_postal_code}}</label>
    <input id="postal_code" name="postal_code" type="text" value="{{postal_code}}" inputmode="numeric" maxlength="5" required autocomplete="postal-code"{{#errors}}{{#postal_code}} aria-invalid="true" aria-describedby="postal_code-problem"{{/postal_code}}{{/errors}}>
    {{#errors}}{{#postal_code}}<p class="problem" id="postal_code-problem">{{message}}</p>{{/postal_code}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#city}} has-problem{{/city}}{{/errors}}">
    <label for="city">{{t_field_city}}</label>
    <input id="city" name="city" type="text" value="{{city}}" maxlength="100" autocomplete="address-level2" aria-describedby="city-hint{{#errors}}{{#city}} city-problem{{/city}}{{/errors}}"{{#errors}}{{#city}} aria-invalid="true"{{/city}}{{/errors}}>
    <p class="hint" id="city-hint">{{t_offer_city_hint}}</p>
    {{#errors}}{{#city}}<p class="problem" id="city-problem">{{message}}</p>{{/city}}{{/errors}}
  </div>
</fieldset>
{{/form}}
{{#posts}}
<fieldset class="offer-post"><legend>{{legend}}</legend>
  <div class="field{{#errors}}{{#occupation_id}} has-problem{{/occupation_id}}{{/errors}}">
    <label for="{{prefix}}-occupation">{{t_offer_field_occupation}}</label>
    <input id="{{prefix}}-occupation" name="occupation" type="text" list="occupation-names" value="{{occupation}}" maxlength="300" autocomplete="off" required aria-describedby="{{prefix}}-occupation-hint{{#errors}}{{#occupation_id}} {{prefix}}-occupation-problem{{/occupation_id}}{{/errors}}"{{#errors}}{{#occupation_id}} aria-invalid="true"{{/occupation_id}}{{/errors}}>
    <p class="hint" id="{{prefix}}-occupation-hint">{{t_offer_occupation_hint}}</p>
    {{#errors}}{{#occupation_id}}<p class="problem" id="{{prefix}}-occupation-problem">{{message}}</p>{{/occupation_id}}{{/errors}}
{{#has_suggestions}}
    <div class="suggestions" role="group" aria-labelledby="{{prefix}}-suggestions">
      <p id="{{prefix}}-suggestions">{{t_offer_did_you_mean}}</p>
{{#suggestions}}      <button type="submit" name="pick" value="{{number}}:{{id}}" class="button-secondary" formnovalidate>{{name}}</button>
{{/suggestions}}    </div>
{{/has_suggestions}}
  </div>
  <div class="field{{#errors}}{{#title}} has-problem{{/title}}{{/errors}}">
    <label for="{{prefix}}-title">{{t_offer_field_title}}</label>
    <input id="{{prefix}}-title" name="title" type="text" value="{{title}}" maxlength="200" aria-describedby="{{prefix}}-title-hint{{#errors}}{{#title}} {{prefix}}-title-problem{{/title}}{{/errors}}"{{#errors}}{{#title}} aria-invalid="true"{{/title}}{{/errors}}>
    <p class="hint" id="{{prefix}}-title-hint">{{t_offer_title_hint}}</p>
    {{#errors}}{{#title}}<p class="problem" id="{{prefix}}-title-problem">{{message}}</p>{{/title}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#places}} has-problem{{/places}}{{/errors}}">
    <label for="{{prefix}}-places">{{t_offer_field_places}}</label>
    <input id="{{prefix}}-places" name="places" type="number" value="{{places}}" min="1" max="99" inputmode="numeric" required{{#errors}}{{#places}} aria-invalid="true" aria-describedby="{{prefix}}-places-problem"{{/places}}{{/errors}}>
    {{#errors}}{{#places}}<p class="problem" id="{{prefix}}-places-problem">{{message}}</p>{{/places}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#start_date}} has-problem{{/start_date}}{{/errors}}">
    <label for="{{prefix}}-start_date">{{t_offer_field_start_date}}</label>
    <input id="{{prefix}}-start_date" name="start_date" type="date" value="{{start_date}}" required aria-describedby="{{prefix}}-start_date-hint{{#errors}}{{#start_date}} {{prefix}}-start_date-problem{{/start_date}}{{/errors}}"{{#errors}}{{#start_date}} aria-invalid="true"{{/start_date}}{{/errors}}>
    <p class="hint" id="{{prefix}}-start_date-hint">{{t_offer_start_hint}}</p>
    {{#errors}}{{#start_date}}<p class="problem" id="{{prefix}}-start_date-problem">{{message}}</p>{{/start_date}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#min_certificate}} has-problem{{/min_certificate}}{{/errors}}">
    <label for="{{prefix}}-min_certificate">{{t_offer_field_min_certificate}}</label>
    <select id="{{prefix}}-min_certificate" name="min_certificate"{{#errors}}{{#min_certificate}} aria-invalid="true" aria-describedby="{{prefix}}-min_certificate-problem"{{/min_certificate}}{{/errors}}>
{{#min_certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/min_certificate_options}}    </select>
    {{#errors}}{{#min_certificate}}<p class="problem" id="{{prefix}}-min_certificate-problem">{{message}}</p>{{/min_certificate}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#description}} has-problem{{/description}}{{/errors}}">
    <label for="{{prefix}}-description">{{t_offer_field_description}}</label>
    <textarea id="{{prefix}}-description" name="description" rows="4" maxlength="5000" aria-describedby="{{prefix}}-description-hint{{#errors}}{{#description}} {{prefix}}-description-problem{{/description}}{{/errors}}"{{#errors}}{{#description}} aria-invalid="true"{{/description}}{{/errors}}>{{description}}</textarea>
    <p class="hint" id="{{prefix}}-description-hint">{{t_offer_description_hint}}</p>
    {{#errors}}{{#description}}<p class="problem" id="{{prefix}}-description-problem">{{message}}</p>{{/description}}{{/errors}}
  </div>
{{#removable}}  <p><button type="submit" name="remove_post" value="{{number}}" class="button-secondary" formnovalidate>{{t_offer_remove_post}}<span class="visually-hidden"> ({{legend}})</span></button></p>
{{/removable}}</fieldset>
{{/posts}}
{{#can_add}}  <p><button type="submit" name="add_post" value="1" class="button-secondary" formnovalidate>{{t_offer_add_post}}</button></p>{{/can_add}}
{{#form}}
<fieldset><legend>{{t_offer_section_privacy}}</legend>
  <p>{{t_offer_privacy_text}}</p>
  <p><a href="/datenschutz">{{t_offer_privacy_link}}</a></p>
  <div class="field field-check{{#errors}}{{#privacy_consent}} has-problem{{/privacy_consent}}{{/errors}}">
    <label><input type="checkbox" name="privacy_consent" value="1" required{{#privacy_consent}} checked{{/privacy_consent}}{{#errors}}{{#privacy_consent}} aria-invalid="true" aria-describedby="privacy_consent-problem"{{/privacy_consent}}{{/errors}}> {{t_offer_privacy_consent}}</label>
    {{#errors}}{{#privacy_consent}}<p class="problem" id="privacy_consent-problem">{{message}}</p>{{/privacy_consent}}{{/errors}}
  </div>
</fieldset>
{{/form}}
  <div class="hp" aria-hidden="true">
    <label for="homepage">{{t_offer_honeypot}}</label>
    <input id="homepage" name="homepage" type="text" value="" tabindex="-1" autocomplete="off">
  </div>
  <div class="form-actions"><button type="submit">{{t_offer_send}}</button></div>
</form>
</section>
<datalist id="occupation-names">
{{#occupation_names}}<option value="{{name}}">
{{/occupation_names}}</datalist>
