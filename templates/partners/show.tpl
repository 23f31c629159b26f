{{%AUTOESCAPE context="HTML"}}
<p><a href="/partners">← {{t_partners_title}}</a></p>
<div class="page-head">
  <h1>{{name}}</h1>
  <div class="actions">
{{#can_write}}
    <a class="button" href="/partners/{{id}}/edit">{{t_edit}}</a>
    <a class="button button-secondary" href="/partners/{{id}}/delete">{{t_delete}}</a>
{{/can_write}}
  </div>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<div class="columns">
<section>
  <h2>{{t_partners_section_partner}}</h2>
  <dl class="facts">
    <dt>{{t_field_partner_kind}}</dt><dd>{{kind_label}}</dd>
    <dt>{{t_field_partner_status}}</dt><dd><span class="badge partner-{{status}}">{{status_label}}</span></dd>
    {{#referrals_received}}<dt>{{t_partners_referrals_received}}</dt><dd>{{t_partners_referrals_companies}}: {{companies}} · {{t_partners_referrals_candidates}}: {{candidates}}</dd>{{/referrals_received}}
  </dl>
  <h2>{{t_companies_section_address}}</h2>
  <dl class="facts">
    {{#show_street}}<dt>{{t_field_street}}</dt><dd>{{street}}</dd>{{/show_street}}
    {{#show_postal_code}}<dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>{{/show_postal_code}}
    {{#phone_link}}<dt>{{t_field_phone}}</dt><dd><a href="tel:{{tel}}">{{text}}</a></dd>{{/phone_link}}
    {{#email_link}}<dt>{{t_field_email}}</dt><dd><a href="mailto:{{address}}">{{address}}</a></dd>{{/email_link}}
    {{#website_link}}<dt>{{t_field_website}}</dt><dd><a href="{{url}}" rel="noopener noreferrer" target="_blank">{{url}}</a></dd>{{/website_link}}
  </dl>
{{#show_notes}}
  <h2>{{t_field_notes}}</h2>
  <p class="notes">{{notes}}</p>
{{/show_notes}}
  <h2 id="contacts">{{t_companies_contacts}}</h2>
{{#has_contacts}}
  <ul class="contacts">
{{#contacts}}
    <li><strong>{{name}}</strong> {{role}}<br>{{#contact_tel}}<a href="tel:{{tel}}">{{text}}</a>{{/contact_tel}}{{#no_contact_tel}}{{phone}}{{/no_contact_tel}} {{#email_link}}<a href="mailto:{{address}}">{{address}}</a>{{/email_link}}
{{#can_write}}
      <form method="post" action="/partners/{{partner_id}}/contacts/{{id}}/delete" class="inline">
        <input type="hidden" name="csrf_token" value="{{csrf_token}}">
        <button type="submit" class="link-button link-danger">{{t_companies_remove_contact}}<span class="visually-hidden">: {{name}}</span></button>
      </form>
{{/can_write}}
    </li>
{{/contacts}}
  </ul>
{{/has_contacts}}
{{#no_contacts}}<p class="muted">{{t_companies_no_contacts}}</p>{{/no_contacts}}
{{#can_write}}
  <details class="add"{{#contact_form}} open{{/contact_form}}>
    <summary>{{t_companies_add_contact}}</summary>
    <form method="post" action="/partners/{{id}}/contacts" class="stacked">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#contact_form}}
      <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}"><label for="c-name">{{t_field_name}}</label><input id="c-name" name="name" required maxlength="200" value="{{name}}"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="c-name-problem"{{/name}}{{/errors}}>{{#errors}}{{#name}}<p class="problem" id="c-name-problem">{{message}}</p>{{/name}}{{/errors}}</div>
      <div class="field"><label for="c-role">{{t_field_contact_role}}</label><input id="c-role" name="role" maxlength="100" value="{{role}}"></div>
      <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}"><label for="c-phone">{{t_field_phone}}</label><input id="c-phone" name="phone" type="tel" maxlength="30" value="{{phone}}"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="c-phone-problem"{{/phone}}{{/errors}}>{{#errors}}{{#phone}}<p class="problem" id="c-phone-problem">{{message}}</p>{{/phone}}{{/errors}}</div>
      <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}"><label for="c-email">{{t_field_email}}</label><input id="c-email" name="email" type="email" maxlength="254" value="{{email}}"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="c-email-problem"{{/email}}{{/errors}}>{{#errors}}{{#email}}<p class="problem" id="c-email-problem">{{message}}</p>{{/email}}{{/errors}}</div>
{{/contact_form}}
{{#no_contact_form}}
      <div class="field"><label for="c-name">{{t_field_name}}</label><input id="c-name" name="name" required maxlength="200"></div>
      <div class="field"><label for="c-role">{{t_field_contact_role}}</label><input id="c-role" name="role" maxlength="100"></div>
      <div class="field"><label for="c-phone">{{t_field_phone}}</label><input id="c-phone" name="phone" type="tel" maxlength="30"></div>
      <div class="field"><label for="c-email">{{t_field_email}}</label><input id="c-email" name="email" type="email" maxlength="254"></div>
{{/no_contact_form}}
      <button type="submit">{{t_companies_add_contact}}</button>
    </form>
  </details>
{{/can_write}}
</section>

<section>
  <h2 id="activities">{{t_activities_title}}</h2>
{{#can_write}}
  <details class="add">
    <summary>{{t_activities_new}}</summary>
    <form method="post" action="/partners/{{id}}/activities" class="stacked">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{>activity_form}}
      <button type="submit">{{t_activities_save}}</button>
    </form>
  </details>
{{/can_write}}
{{>timeline}}
</section>
</div>
