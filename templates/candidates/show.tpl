{{%AUTOESCAPE context="HTML"}}
<p><a href="/candidates">← {{t_candidates_title}}</a></p>
<div class="page-head">
  <h1>{{first_name}} {{last_name}}</h1>
  <div class="actions"><a class="button" href="/candidates/{{id}}/matches">{{t_matches_for_candidate_title}}</a>{{#can_write}} <a class="button" href="/candidates/{{id}}/edit">{{t_edit}}</a>{{/can_write}}</div>
</div>
<div class="columns">
<section>
  <h2>{{t_candidates_section_person}}</h2>
  <dl class="facts">
    <dt>{{t_field_status}}</dt><dd><span class="badge">{{status_label}}</span>{{#match_opt_out}} <span class="badge badge-off">{{t_candidates_opted_out}}</span>{{/match_opt_out}}</dd>
    <dt>{{t_field_age}}</dt><dd>{{age}} {{t_years}} <span class="muted">({{birth_date_local}})</span></dd>
    {{#show_gender}}<dt>{{t_field_gender}}</dt><dd>{{gender_label}}</dd>{{/show_gender}}
    <dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>
    <dt>{{t_field_school_id}}</dt><dd>{{#show_school_id}}<a href="/schools/{{school_id}}">{{school_name}}</a>{{/show_school_id}}</dd>
    <dt>{{t_field_certificate}}</dt><dd>{{certificate_label}}</dd>
    {{#show_expected_certificate}}<dt>{{t_field_expected_certificate}}</dt><dd>{{expected_certificate_label}}</dd>{{/show_expected_certificate}}
    <dt>{{t_field_migration_background}}</dt><dd>{{migration_background_label}}</dd>
    {{#show_available_from}}<dt>{{t_field_available_from}}</dt><dd>{{available_from_local}}</dd>{{/show_available_from}}
    {{#show_max_commute_km}}<dt>{{t_field_max_commute_km}}</dt><dd>{{max_commute_km}} km</dd>{{/show_max_commute_km}}
    <dt>{{t_field_languages}}</dt><dd>{{#languages_labels}}<span class="tag">{{value}}</span> {{/languages_labels}}</dd>
  </dl>
  <h2>{{t_candidates_contact}}</h2>
{{#contact_hidden}}<p class="muted">{{t_candidates_contact_hidden}}</p>{{/contact_hidden}}
{{#no_contact_hidden}}
  <dl class="facts">
    <dt>{{t_field_email}}</dt><dd>{{email}}</dd>
    <dt>{{t_field_phone}}</dt><dd>{{#phone_link}}<a href="tel:{{tel}}">{{text}}</a>{{/phone_link}}</dd>
    <dt>{{t_field_parent_name}}</dt><dd>{{parent_name}}</dd>
    <dt>{{t_field_parent_email}}</dt><dd>{{parent_email}}</dd>
    <dt>{{t_field_parent_phone}}</dt><dd>{{#parent_phone_link}}<a href="tel:{{tel}}">{{text}}</a>{{/parent_phone_link}}</dd>
  </dl>
{{/no_contact_hidden}}
  <p class="notes">{{notes}}</p>
</section>
<section>
  <h2>{{t_field_desired_occupations}}</h2>
{{#has_occupations}}<ol>{{#occupations}}<li>{{name}}</li>{{/occupations}}</ol>{{/has_occupations}}
{{#no_occupations}}<p class="muted">{{t_candidates_no_wishes}}</p>{{/no_occupations}}
{{>placement_list}}
  <h2 id="events">{{t_events_title}}</h2>
{{#has_events}}
  <ul class="plain-list">
{{#events}}    <li><a href="/events/{{id}}">{{title}}</a>, {{date_local}} · {{kind_label}}{{#attended}} · {{t_events_attended}}{{/attended}}</li>
{{/events}}  </ul>
{{/has_events}}
{{#no_events}}<p class="muted">{{t_events_none}}</p>{{/no_events}}
  <h2 id="activities">{{t_activities_title}}</h2>
{{#can_write}}
  <details class="add">
    <summary>{{t_activities_new}}</summary>
    <p class="hint">{{t_candidates_activities_hint}}</p>
    <form method="post" action="/candidates/{{id}}/activities" class="stacked">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{>activity_form}}
      <button type="submit">{{t_activities_save}}</button>
    </form>
  </details>
{{/can_write}}
{{>timeline}}
  <h2>{{t_candidates_consents}}</h2>
{{#has_consents}}
  <ul class="plain-list">
{{#consents}}    <li>{{at_local}}: {{t_candidates_consent_privacy}} ({{t_candidates_notice_version}} {{text_version}}), {{#via_link}}{{t_candidates_channel_link}}{{/via_link}}{{#no_via_link}}{{t_candidates_channel_staff}}{{/no_via_link}}{{#parental}}, {{t_candidates_parental}}{{/parental}}</li>
{{/consents}}  </ul>
{{/has_consents}}
{{#no_consents}}<p class="muted">{{t_candidates_no_consents}}</p>{{/no_consents}}
</section>
</div>
