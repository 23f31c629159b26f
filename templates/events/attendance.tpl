{{%AUTOESCAPE context="HTML"}}
<article class="attendance">
<p class="no-print"><a href="/events/{{id}}">← {{title}}</a> · {{t_flyer_print_hint}}</p>
<h1>{{t_events_attendance}}: {{title}}</h1>
<p>{{date_local}} · {{location}} · {{kind_label}}</p>
<table class="attendance-list">
  <caption class="visually-hidden">{{t_events_attendance}}</caption>
  <thead><tr><th scope="col">{{t_field_name}}</th><th scope="col">{{t_field_school_id}}</th><th scope="col">{{t_events_present}}</th><th scope="col">{{t_events_signature}}</th></tr></thead>
  <tbody>
{{#participants}}    <tr><td>{{last_name}}, {{first_name}}</td><td>{{school_name}}</td><td>{{#attended}}✓{{/attended}}{{#no_attended}}☐{{/no_attended}}</td><td class="signature"></td></tr>
{{/participants}}{{#no_participants}}    <tr><td colspan="4">{{t_events_no_participants}}</td></tr>
{{/no_participants}}  </tbody>
</table>
</article>
