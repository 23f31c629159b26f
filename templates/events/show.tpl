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
<form method="post" action="/events/{{id}}/participants" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <div class="field{{#errors}}{{#candidate_id}} has-problem{{/candidate_id}}{{/errors}}"><label for="p-candidate">{{t_events_add_participant}}</label>
    <select id="p-candidate" name="candidate_id"{{#errors}}{{#candidate_id}} aria-invalid="true" aria-describedby="p-candidate-problem"{{/candidate_id}}{{/errors}}>
{{#candidates}}      <option value="{{id}}">{{last_name}}, {{first_name}} ({{school_name}})</option>
{{/candidates}}    </select>
    {{#errors}}{{#candidate_id}}<p class="problem" id="p-candidate-problem">{{message}}</p>{{/candidate_id}}{{/errors}}
  </div>
  <div class="field"><label class="check"><input type="checkbox" name="attended" value="1"> {{t_events_attended}}</label></div>
  <button type="submit">{{t_events_add_participant}}</button>
</form>
{{/can_write}}
