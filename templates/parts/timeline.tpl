{{%AUTOESCAPE context="HTML"}}
{{#has_activities}}
  <ol class="timeline">
{{#activities}}
    <li id="activity-{{id}}">
      <p class="timeline-head"><time datetime="{{date}}">{{date_local}}</time> · <strong>{{kind_label}}</strong>{{#referral}} {{t_activities_referred_to}} {{label}}{{#partner}} <a href="/partners/{{id}}">{{name}}</a>{{/partner}}{{/referral}} · {{subject}}</p>
      <p class="notes">{{notes}}</p>
      <p class="muted">{{#topic_labels}}<span class="tag">{{value}}</span> {{/topic_labels}}{{caseworker_name}}</p>
{{#follow_up_info}}
      <p class="follow-up{{#overdue}} overdue{{/overdue}}">{{t_field_follow_up}}: {{date}}{{#when}} – <strong>{{label}}</strong>{{/when}}{{#done}} ({{t_followups_done}}){{/done}}{{#user}} · {{name}}{{/user}}</p>
{{/follow_up_info}}
{{#can_write}}
      <p class="row-actions"><a href="/activities/{{id}}/edit">{{t_edit}}<span class="visually-hidden">: {{subject}}</span></a>
        · <a href="/activities/{{id}}/delete">{{t_delete}}<span class="visually-hidden">: {{subject}}</span></a></p>
{{/can_write}}
    </li>
{{/activities}}
  </ol>
{{/has_activities}}
{{#no_activities}}<p class="muted">{{t_activities_none}}</p>{{/no_activities}}
