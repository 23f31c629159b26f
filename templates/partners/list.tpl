{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_partners_title}}</h1>
  <div class="actions">{{#can_write}}<a class="button" href="/partners/new">{{t_partners_new_title}}</a>{{/can_write}}</div>
</div>
{{#filter}}
<form method="get" action="/partners" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}"></div>
  <div class="field"><label for="f-kind">{{t_field_partner_kind}}</label>
    <select id="f-kind" name="kind"><option value="">{{t_filter_any}}</option>
{{#kind_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/kind_options}}    </select></div>
  <div class="field"><label for="f-status">{{t_field_partner_status}}</label>
    <select id="f-status" name="status"><option value="">{{t_filter_any}}</option>
{{#status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_options}}    </select></div>
  <div class="field"><label for="f-area">{{t_field_area}}</label>
    <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
{{#area_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/area_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/partners">{{t_filter_reset}}</a></div>
</form>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}{{#export}} · <a href="{{href}}" id="export-link">{{t_partners_export}}</a>{{/export}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_partners_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_name}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_name}}>{{#sort_name}}<a class="sort" href="{{href}}">{{t_field_name}}</a>{{/sort_name}}</th>
    <th scope="col">{{t_field_partner_kind}}</th>
    <th scope="col">{{t_field_partner_status}}</th>
    <th scope="col"{{#sort_postal_code}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_postal_code}}>{{#sort_postal_code}}<a class="sort" href="{{href}}">{{t_field_city}}</a>{{/sort_postal_code}}</th>
    <th scope="col">{{t_field_last_contact}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/partners/{{id}}">{{name}}</a></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_partner_kind}}: </span>{{kind_label}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_partner_status}}: </span><span class="badge partner-{{status}}">{{status_label}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_city}}: </span>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_last_contact}}: </span>{{last_contact_local}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_partners_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
