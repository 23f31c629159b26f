{{%AUTOESCAPE context="HTML"}}
<p><a href="/events">← {{t_events_title}}</a></p>
<div class="page-head">
  <h1>{{title}}</h1>
  <div class="actions">
    <a class="button button-secondary" href="/events/{{id}}/attendance">{{t_events_attendance}}</a>
{{#can_write}}<a class="button" href="/events/{{id}}/edit">{{t_edit}}</a>{{/can_write}}
  </div>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<dl class="facts">
  <dt>{{t_field_date}}</dt><dd>{{date_local}}</dd>
  <dt>{{t_field_event_kind}}</dt><dd>{{kind_label}}</dd>
  <dt>{{t_field_location}}</dt><dd>{{location}}</dd>
  <dt>{{t_field_school_ids}}</dt><dd>{{#school_list}}<a href="/schools/{{id}}">{{name}}</a> {{/school_list}}</dd>
  <dt>{{t_field_company_ids}}</dt><dd>{{#company_list}}<a href="/companies/{{id}}">{{name}}</a> {{/company_list}}</dd>
</dl>
<p class="notes">{{notes}}</p>
<h2 id="participants">{{t_events_participants}}</h2>
{{#has_participants}}
<div class="table-wrap">
<table class="list participants">
  <caption class="visually-hidden">{{t_events_participants}}</caption>
  <thead><tr><th scope="col">{{t_field_name}}</th><th scope="col">{{t_field_school_id}}</th><th scope="col">{{t_events_attendance_state}}</th>{{#can_write}}<th scope="col"><span class="visually-hidden">{{t_actions}}</span></th>{{/can_write}}</tr></thead>
  <tbody>
{{#participants}}  <tr>
    <td class="cell-main"><a href="/candidates/{{candidate_id}}">{{first_name}} {{last_name}}</a></td>
    <td><span class="cell-label" aria-hidden="true">{{t_field_school_id}}: </span>{{school_name}}</td>
    <td><span class="cell-label" aria-hidden="true">{{t_events_attendance_state}}: </span>{{#attended}}{{t_events_attended}}{{/attended}}{{#no_attended}}{{t_events_registered}}{{/no_attended}}</td>
{{#can_write}}    <td class="row-actions"><form method="post" action="/events/{{event_id}}/participants" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"><input type="hidden" name="candidate_id" value="{{candidate_id}}">{{#no_attended}}<input type="hidden" name="attended" value="1"><button type="submit" class="link-button">{{t_events_mark_attended}}<span class="visually-hidden">: {{first_name}} {{last_name}}</span></button>{{/no_attended}}{{#attended}}<input type="hidden" name="attended" value="0"><button type="submit" class="link-button">{{t_events_mark_absent}}<span class="visually-hidden">: {{first_name}} {{last_name}}</span></button>{{/attended}}</form>
      · <a class="link-danger" href="/events/{{event_id}}/participants/{{candidate_id}}/remove">{{t_events_remove_participant}}<span class="visually-hidden">: {{first_name}} {{last_name}}</span></a></td>
{{/can_write}}  </tr>
{{/participants}}  </tbody>
</table>
</div>
{{/has_participants}}
{{#no_participants}}<p class="muted">{{t_events_no_participants}}</p>{{/no_participants}}
{{#can_write}}
<form method="post" action="/events/{{id}}/participants" class="stacked" id="add-participant" novalidate>
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">{{t_events_add_participant}}</button>
{{#participant_form}}
  <div class="field{{#errors}}{{#candidate}} has-problem{{/candidate}}{{#candidate_id}} has-problem{{/candidate_id}}{{/errors}}">
    <label for="p-candidate">{{t_events_participant_field}}</label>
    <input id="p-candidate" name="candidate" type="text" list="p-candidates" value="{{candidate}}" maxlength="300" autocomplete="off" aria-describedby="p-candidate-hint{{#errors}}{{#candidate}} p-candidate-problem{{/candidate}}{{#candidate_id}} p-candidate-problem{{/candidate_id}}{{/errors}}"{{#errors}}{{#candidate}} aria-invalid="true"{{/candidate}}{{#candidate_id}} aria-invalid="true"{{/candidate_id}}{{/errors}}>
    <p class="hint" id="p-candidate-hint">{{t_events_participant_hint}}</p>
    {{#errors}}{{#candidate}}<p class="problem" id="p-candidate-problem">{{message}}</p>{{/candidate}}{{#candidate_id}}<p class="problem" id="p-candidate-problem">{{message}}</p>{{/candidate_id}}{{/errors}}
{{#has_suggestions}}    <div class="suggestions"><p>{{t_events_may_mean}}</p>
{{#suggestions}}      <button type="submit" name="candidate_id" value="{{id}}" class="button-secondary">{{text}}</button>
{{/suggestions}}    </div>{{/has_suggestions}}
  </div>
  <div class="field"><label class="check"><input type="checkbox" name="attended" value="1"{{#attended}} checked{{/attended}}> {{t_events_attended}}</label></div>
{{/participant_form}}
  <button type="submit">{{t_events_add_participant}}</button>
</form>
<datalist id="p-candidates">
{{#candidates}}  <option value="{{last_name}}, {{first_name}} ({{t_events_number}} {{id}})">{{school_name}}</option>
{{/candidates}}</datalist>
{{/can_write}}
