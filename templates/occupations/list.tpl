{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_occupations_title}}</h1>
</div>
{{#filter}}
<details class="filter-panel">
<summary>{{t_filter_panel}}{{#active}} <span class="filter-count">({{count}} {{t_filter_active}})</span>{{/active}}</summary>
<form method="get" action="/occupations" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}" aria-describedby="q-hint"><p class="hint" id="q-hint">{{t_occupations_search_hint}}</p></div>
  <div class="field"><label for="f-body">{{t_field_body}}</label>
    <select id="f-body" name="body"><option value="">{{t_filter_any}}</option>
{{#body_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/body_options}}    </select></div>
  <div class="field"><label for="f-active">{{t_occupations_filter_active}}</label>
    <select id="f-active" name="active"><option value="">{{t_filter_any}}</option>
      <option value="1"{{#active_1}} selected{{/active_1}}>{{t_occupations_active}}</option>
      <option value="0"{{#active_0}} selected{{/active_0}}>{{t_occupations_inactive}}</option>
    </select></div>
  <div class="field"><label for="f-sort">{{t_sort}}</label>
    <select id="f-sort" name="sort">
{{#sort_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/sort_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/occupations">{{t_filter_reset}}</a></div>
</form>
</details>
<script src="/static/js/filters.js"></script>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}{{#export}} · <a href="{{href}}">{{t_export_csv}}</a>{{/export}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_occupations_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_name}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_name}}>{{#sort_name}}<a class="sort" href="{{href}}">{{t_field_name}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_name}}</th>
    <th scope="col"{{#sort_duration}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_duration}}>{{#sort_duration}}<a class="sort" href="{{href}}">{{t_field_duration_months}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_duration}}</th>
    <th scope="col">{{t_field_bodies}}</th>
    <th scope="col"{{#sort_open_posts}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_open_posts}}>{{#sort_open_posts}}<a class="sort" href="{{href}}">{{t_field_open_posts}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_open_posts}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/occupations/{{id}}">{{name}}</a>{{#no_active}} <span class="badge badge-off">{{t_occupations_inactive}}</span>{{/no_active}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_duration_months}}: </span>{{duration_months}} {{t_months}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_bodies}}: </span>{{#bodies_labels}}<span class="tag">{{value}}</span> {{/bodies_labels}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_open_posts}}: </span>{{open_posts}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_occupations_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
