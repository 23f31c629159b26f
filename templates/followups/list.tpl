{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_followups_title}}</h1>
  <div class="actions">{{#all}}<a href="/followups?when={{when}}">{{t_followups_mine}}</a>{{/all}}{{#no_all}}{{#may_see_all}}<a href="/followups?when={{when}}&amp;all=1">{{t_followups_all}}</a>{{/may_see_all}}{{/no_all}}</div>
</div>
<p class="today">{{t_followups_today}} {{today}}</p>
<nav class="tabs" aria-label="{{t_followups_ranges_label}}">
  <ul>
{{#ranges}}    <li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
{{/ranges}}  </ul>
</nav>
<p class="muted">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_followups_title}}</caption>
  <thead><tr><th scope="col">{{t_field_follow_up}}</th><th scope="col">{{t_followups_about}}</th><th scope="col">{{t_field_subject}}</th><th scope="col">{{t_field_follow_up_user_id}}</th><th scope="col"><span class="visually-hidden">{{t_actions}}</span></th></tr></thead>
  <tbody>
{{#items}}
    <tr{{#overdue}} class="overdue"{{/overdue}}>
      <td class="cell-date"><time datetime="{{follow_up}}">{{follow_up_local}}</time> <span class="badge due-{{due_when}}">{{due_when_label}}</span></td>
      <td class="cell-main">{{#about_candidate}}<a href="/candidates/{{candidate_id}}">{{candidate_name}}</a>{{/about_candidate}}{{#no_about_candidate}}{{#about_partner}}<a href="/partners/{{partner_id}}">{{partner_name}}</a>{{/about_partner}}{{#no_about_partner}}<a href="/companies/{{company_id}}">{{company_name}}</a>{{/no_about_partner}}{{/no_about_candidate}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_subject}}: </span>{{subject}} <span class="muted">({{date_local}})</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_follow_up_user_id}}: </span>{{follow_up_user_name}}</td>
      <td>{{#can_write}}<form method="post" action="/followups/{{id}}/done" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"><button type="submit">{{t_followups_mark_done}}<span class="visually-hidden">: {{subject}}</span></button></form>
        <a href="/followups/{{id}}">{{t_followups_move}}<span class="visually-hidden">: {{subject}}</span></a>{{/can_write}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_followups_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
