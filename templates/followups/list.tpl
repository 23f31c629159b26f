{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_followups_title}}</h1>
  <div class="actions">{{#all}}<a href="/followups">{{t_followups_mine}}</a>{{/all}}{{#no_all}}{{#may_see_all}}<a href="/followups?all=1">{{t_followups_all}}</a>{{/may_see_all}}{{/no_all}}</div>
</div>
<p class="muted">{{t_followups_due_until}} {{today}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table>
  <thead><tr><th>{{t_field_follow_up}}</th><th>{{t_field_company}}</th><th>{{t_field_subject}}</th><th>{{t_field_caseworker_id}}</th><th></th></tr></thead>
  <tbody>
{{#items}}
    <tr{{#overdue}} class="overdue"{{/overdue}}>
      <td><time datetime="{{follow_up}}">{{follow_up_local}}</time>{{#overdue}} <span class="badge badge-off">{{t_followups_overdue}}</span>{{/overdue}}</td>
      <td><a href="/companies/{{company_id}}">{{company_name}}</a></td>
      <td>{{subject}} <span class="muted">({{date_local}})</span></td>
      <td>{{caseworker_name}}</td>
      <td>{{#can_write}}<form method="post" action="/followups/{{id}}/done" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"><button type="submit">{{t_followups_mark_done}}</button></form>{{/can_write}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_followups_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
