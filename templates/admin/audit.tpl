{{%AUTOESCAPE context="HTML"}}
<h1>{{t_audit_title}}</h1>
{{#filter}}
<form method="get" action="/admin/audit" class="filters">
  <div class="field"><label for="f-action">{{t_audit_action}}</label>
    <select id="f-action" name="action"><option value="">{{t_filter_any}}</option>
{{#action_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/action_options}}    </select></div>
  <div class="field"><label for="f-type">{{t_audit_object_type}}</label>
    <select id="f-type" name="object_type"><option value="">{{t_filter_any}}</option>
{{#object_type_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/object_type_options}}    </select></div>
  <div class="field"><label for="f-user">{{t_audit_user_id}}</label>
    <select id="f-user" name="user_id"><option value="">{{t_filter_any}}</option>
{{#user_options}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/user_options}}    </select></div>
  <div class="field"><label for="f-oid">{{t_audit_object_id}}</label><input id="f-oid" name="object_id" inputmode="numeric" value="{{object_id}}"></div>
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
      <td>{{#user_known}}<a href="/admin/users/{{user_id}}">{{user_name}}</a>{{/user_known}}{{#no_user_known}}{{user_email}}{{/no_user_known}}</td>
      <td>{{action_label}}</td>
      <td>{{object_type_label}} {{#object_linked}}<a href="{{object_href}}">#{{object_id}}</a>{{/object_linked}}{{#no_object_linked}}{{object_id}}{{/no_object_linked}}</td>
      <td>{{#fields_labels}}<span class="tag">{{value}}</span> {{/fields_labels}}</td>
      <td>{{ip}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_list_empty}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
