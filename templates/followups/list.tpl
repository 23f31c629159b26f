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
<table>
  <thead><tr><th>{{t_field_follow_up}}</th><th>{{t_field_company}}</th><th>{{t_field_subject}}</th><th>{{t_field_follow_up_user_id}}</th><th><span class="visually-hidden">{{t_actions}}</span></th></tr></thead>
  <tbody>
{{#items}}
    <tr{{#overdue}} class="overdue"{{/overdue}}>
      <td><time datetime="{{follow_up}}">{{follow_up_local}}</time> <span class="badge due-{{due_when}}">{{due_when_label}}</span></td>
      <td><a href="/companies/{{company_id}}">{{company_name}}</a></td>
      <td>{{subject}} <span class="muted">({{date_local}})</span></td>
      <td>{{follow_up_user_name}}</td>
      <td>{{#can_write}}<form method="post" action="/followups/{{id}}/done" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"><button type="submit">{{t_followups_mark_done}}</button></form>
        <a href="/followups/{{id}}">{{t_followups_move}}<span class="visually-hidden">: {{subject}}</span></a>{{/can_write}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}<p>{{t_followups_none}}</p>{{/no_items}}
{{#pager}}{{#multiple}}<nav class="pager" aria-label="{{t_pager_label}}">{{#prev}}<a href="{{href}}" rel="prev">← {{t_pager_prev}}</a>{{/prev}} <span>{{t_pager_page}} {{page}} / {{pages}}</span> {{#next}}<a href="{{href}}" rel="next">{{t_pager_next}} →</a>{{/next}}</nav>{{/multiple}}{{/pager}}
