{{%AUTOESCAPE context="HTML"}}
<h1>{{t_audit_title}}</h1>
{{#filter}}
<form method="get" action="/admin/audit" class="filters">
  <div class="field"><label for="f-action">{{t_audit_action}}</label><input id="f-action" name="action" value="{{action}}"></div>
  <div class="field"><label for="f-type">{{t_audit_object_type}}</label><input id="f-type" name="object_type" value="{{object_type}}"></div>
  <div class="field"><label for="f-oid">{{t_audit_object_id}}</label><input id="f-oid" name="object_id" inputmode="numeric" value="{{object_id}}"></div>
  <div class="field"><label for="f-user">{{t_audit_user_id}}</label><input id="f-user" name="user_id" inputmode="numeric" value="{{user_id}}"></div>
  <div class="field"><label for="f-from">{{t_filter_from}}</label><input id="f-from" name="from" type="date" value="{{from}}"></div>
  <div class="field"><label for="f-to">{{t_filter_to}}</label><input id="f-to" name="to" type="date" value="{{to}}"></div>
  <button type="submit">{{t_filter_apply}}</button>
</form>
{{/filter}}
<p class="muted">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap" tabindex="0" role="region" aria-label="{{t_audit_title}}">
<table>
  <thead><tr><th>{{t_audit_at}}</th><th>{{t_audit_who}}</th><th>{{t_audit_action}}</th><th>{{t_audit_object}}</th><th>{{t_audit_fields}}</th><th>{{t_audit_ip}}</th></tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td><time datetime="{{at}}">{{at_local}}</time></td>
      <td>{{user_email}}</td>
      <td>{{action}}</td>
      <td>{{object_type}} {{object_id}}</td>
      <td>{{#fields}}<span class="tag">{{value}}</span> {{/fields}}</td>
      <td>{{ip}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_list_empty}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
