{{%AUTOESCAPE context="HTML"}}
<p><a href="/companies">← {{t_companies_title}}</a></p>
<div class="page-head">
  <h1>{{name}}</h1>
  <div class="actions">
{{#can_write}}
    <a class="button" href="/companies/{{id}}/edit">{{t_edit}}</a>
    <a class="button button-secondary" href="/companies/{{id}}/delete">{{t_delete}}</a>
{{/can_write}}
  </div>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<div class="columns">
<section>
  <h2>{{t_companies_section_company}}</h2>
  <dl class="facts">
    <dt>{{t_field_training_status}}</dt><dd><span class="badge status-{{training_status}}">{{training_status_label}}</span></dd>
    <dt>{{t_field_chamber}}</dt><dd>{{chamber_label}}</dd>
    <dt>{{t_field_trainer_aptitude}}</dt><dd>{{trainer_aptitude_label}}</dd>
    <dt>{{t_field_training_authorisation}}</dt><dd>{{training_authorisation_label}}</dd>
    <dt>{{t_field_owner_migration_background}}</dt><dd>{{owner_migration_background_label}}</dd>
    {{#show_industry}}<dt>{{t_field_industry}}</dt><dd>{{industry}}</dd>{{/show_industry}}
    {{#show_employees}}<dt>{{t_field_employees}}</dt><dd>{{employees}}</dd>{{/show_employees}}
    {{#show_languages}}<dt>{{t_field_languages}}</dt><dd>{{#languages_labels}}<span class="tag">{{value}}</span> {{/languages_labels}}</dd>{{/show_languages}}
    {{#show_tags}}<dt>{{t_field_tags}}</dt><dd>{{#tags}}<span class="tag">{{value}}</span> {{/tags}}</dd>{{/show_tags}}
    {{#show_caseworker_name}}<dt>{{t_field_caseworker_id}}</dt><dd>{{caseworker_name}}</dd>{{/show_caseworker_name}}
  </dl>
  <h2>{{t_companies_section_address}}</h2>
  <dl class="facts">
    {{#show_street}}<dt>{{t_field_street}}</dt><dd>{{street}}</dd>{{/show_street}}
    {{#show_postal_code}}<dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>{{/show_postal_code}}
    {{#show_phone}}<dt>{{t_field_phone}}</dt><dd>{{#phone_link}}<a href="tel:{{tel}}">{{text}}</a>{{/phone_link}}{{#no_phone_link}}{{phone}}{{/no_phone_link}}</dd>{{/show_phone}}
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
      <br><a href="/companies/{{company_id}}/contacts/{{id}}/edit">{{t_edit}}<span class="visually-hidden">: {{name}}</span></a>
      · <a href="/companies/{{company_id}}/contacts/{{id}}/delete" class="link-danger">{{t_companies_remove_contact}}<span class="visually-hidden">: {{name}}</span></a>
{{/can_write}}
    </li>
{{/contacts}}
  </ul>
{{/has_contacts}}
{{#no_contacts}}<p class="muted">{{t_companies_no_contacts}}</p>{{/no_contacts}}
{{#can_write}}
  <details class="add"{{#errors}} open{{/errors}}>
    <summary>{{t_companies_add_contact}}</summary>
    <form method="post" action="/companies/{{id}}/contacts" class="stacked">
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
  <h2 id="posts">{{t_companies_posts}}</h2>
{{#has_posts}}
  <ul class="contacts">
{{#posts}}
    <li><a href="/posts/{{id}}">{{title}}</a> <span class="badge post-{{status}}">{{status_label}}</span><br>
      <span class="muted">{{occupation_name}} · {{start_date_local}} · {{t_field_free_places}}: {{free_places}} {{t_posts_of}} {{places}}</span></li>
{{/posts}}
  </ul>
  <p><a href="/posts?company_id={{id}}">{{t_companies_all_posts}}</a></p>
{{/has_posts}}
{{#no_posts}}<p class="muted">{{t_companies_no_posts}}</p>{{/no_posts}}
{{#can_write}}<p><a class="button" href="/posts/new?company_id={{id}}">{{t_companies_new_post}}</a></p>{{/can_write}}
{{>placement_list}}
  <h2 id="activities">{{t_activities_title}}</h2>
{{#can_write}}
  <details class="add">
    <summary>{{t_activities_new}}</summary>
    <form method="post" action="/companies/{{id}}/activities" class="stacked">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{>activity_form}}
      <button type="submit">{{t_activities_save}}</button>
    </form>
  </details>
{{/can_write}}
{{>timeline}}
  <h2 id="events">{{t_events_title}}</h2>
{{#has_events}}
  <ul class="plain-list">
{{#events}}    <li><a href="/events/{{id}}">{{title}}</a>, {{date_local}} · {{kind_label}}</li>
{{/events}}  </ul>
{{/has_events}}
{{#no_events}}<p class="muted">{{t_events_none}}</p>{{/no_events}}
</section>
</div>
