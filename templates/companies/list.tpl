{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_companies_title}}</h1>
  <div class="actions">
{{#can_write}}
    <a class="button" href="/companies/new">{{t_companies_new_title}}</a>
{{/can_write}}
  </div>
</div>
{{#filter}}
<details class="filter-panel">
<summary>{{t_filter_panel}}{{#active}} <span class="filter-count">({{count}} {{t_filter_active}})</span>{{/active}}</summary>
<form method="get" action="/companies" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}" placeholder="{{t_companies_search_placeholder}}"></div>
  <div class="field"><label for="f-status">{{t_field_training_status}}</label>
    <select id="f-status" name="training_status"><option value="">{{t_filter_any}}</option>
{{#training_status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/training_status_options}}    </select></div>
  <div class="field"><label for="f-chamber">{{t_field_chamber}}</label>
    <select id="f-chamber" name="chamber"><option value="">{{t_filter_any}}</option>
{{#chamber_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/chamber_options}}    </select></div>
  <div class="field"><label for="f-mig">{{t_field_owner_migration_background}}</label>
    <select id="f-mig" name="owner_migration_background"><option value="">{{t_filter_any}}</option>
{{#owner_migration_background_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/owner_migration_background_options}}    </select></div>
  <div class="field"><label for="f-area">{{t_field_area}}</label>
    <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
{{#area_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/area_options}}    </select></div>
  <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
  <div class="field"><label for="f-cw">{{t_field_caseworker_id}}</label>
    <select id="f-cw" name="caseworker_id"><option value="">{{t_filter_any}}</option>
{{#caseworkers}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/caseworkers}}    </select></div>
  <div class="field"><label for="f-tag">{{t_field_tag}}</label><input id="f-tag" name="tag" value="{{tag}}"></div>
  <div class="field"><label for="f-language">{{t_field_language}}</label>
    <select id="f-language" name="language"><option value="">{{t_filter_language_any}}</option>
{{#language_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/language_options}}    </select></div>
  <div class="field"><label for="f-sort">{{t_sort}}</label>
    <select id="f-sort" name="sort">
{{#sort_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/sort_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/companies">{{t_filter_reset}}</a></div>
</form>
</details>
<script src="/static/js/filters.js"></script>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}{{#export}} · <a href="{{href}}" id="export-link">{{t_companies_export}}</a>{{/export}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_companies_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_name}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_name}}>{{#sort_name}}<a class="sort" href="{{href}}">{{t_companies_column_name}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_name}}</th>
    <th scope="col"{{#sort_postal_code}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_postal_code}}>{{#sort_postal_code}}<a class="sort" href="{{href}}">{{t_field_city}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_postal_code}}</th>
    <th scope="col"{{#sort_status}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_status}}>{{#sort_status}}<a class="sort" href="{{href}}">{{t_companies_column_status}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_status}}</th>
    <th scope="col">{{t_field_caseworker_id}}</th>
    <th scope="col">{{t_field_last_contact}}</th>
    <th scope="col">{{t_field_next_follow_up}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/companies/{{id}}">{{name}}</a>{{#tags}} <span class="tag">{{value}}</span>{{/tags}}<span class="cell-sub">{{industry}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_city}}: </span>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_training_status}}: </span><span class="badge status-{{training_status}}">{{training_status_label}}</span><span class="cell-sub">{{chamber_label}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_caseworker_id}}: </span>{{caseworker_name}}</td>
      <td class="cell-date"><span class="cell-label" aria-hidden="true">{{t_field_last_contact}}: </span>{{last_contact_local}}{{#no_last_contact}}<span class="muted">–</span>{{/no_last_contact}}</td>
      <td class="cell-date"><span class="cell-label" aria-hidden="true">{{t_field_next_follow_up}}: </span>{{next_follow_up_local}}{{#no_next_follow_up}}<span class="muted">–</span>{{/no_next_follow_up}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_companies_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
