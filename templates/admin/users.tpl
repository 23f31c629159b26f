{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_users_title}}</h1>
  <a class="button" href="/admin/users/new">{{t_users_new_title}}</a>
</div>
<form method="get" action="/admin/users" class="search" role="search">
  <label for="q" class="visually-hidden">{{t_search}}</label>
  <input id="q" name="q" type="search" value="{{query}}" placeholder="{{t_users_search_placeholder}}">
  <button type="submit">{{t_search}}</button>
</form>
<p class="muted">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table>
  <thead><tr><th>{{t_field_name}}</th><th>{{t_field_email}}</th><th>{{t_field_role}}</th><th>{{t_field_status}}</th></tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td><a href="/admin/users/{{id}}">{{name}}</a></td>
      <td>{{email}}</td>
      <td>{{role_label}}</td>
      <td>{{#active}}{{t_users_active}}{{/active}}{{#no_active}}<span class="badge badge-off">{{t_users_disabled}}</span>{{/no_active}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_list_empty}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
