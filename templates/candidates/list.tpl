{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_candidates_title}}</h1>
  <div class="actions">{{#can_write}}<a class="button" href="/candidates/new">{{t_candidates_new_title}}</a>{{/can_write}}</div>
</div>
{{#filter}}
<details class="filter-panel">
<summary>{{t_filter_panel}}{{#active}} <span class="filter-count">({{count}} {{t_filter_active}})</span>{{/active}}</summary>
<form method="get" action="/candidates" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}"></div>
  <div class="field"><label for="f-status">{{t_field_status}}</label>
    <select id="f-status" name="status"><option value="">{{t_filter_any}}</option>
{{#status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_options}}    </select></div>
  <div class="field"><label for="f-school">{{t_field_school_id}}</label>
    <select id="f-school" name="school_id"><option value="">{{t_filter_any}}</option>
{{#schools}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/schools}}    </select></div>
  <div class="field"><label for="f-cert">{{t_field_certificate}}</label>
    <select id="f-cert" name="certificate"><option value="">{{t_filter_any}}</option>
{{#certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/certificate_options}}    </select></div>
  <div class="field"><label for="f-occ">{{t_field_desired_occupation}}</label>
    <select id="f-occ" name="occupation"><option value="">{{t_filter_any}}</option>
{{#occupations}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/occupations}}    </select></div>
  <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
  <div class="field"><label for="f-area">{{t_field_area}}</label>
    <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
{{#area_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/area_options}}    </select></div>
  <div class="field"><label for="f-age-min">{{t_field_age_min}}</label><input id="f-age-min" name="age_min" type="number" min="0" max="99" inputmode="numeric" value="{{age_min}}"></div>
  <div class="field"><label for="f-age-max">{{t_field_age_max}}</label><input id="f-age-max" name="age_max" type="number" min="0" max="99" inputmode="numeric" value="{{age_max}}"></div>
  <div class="field"><label for="f-language">{{t_field_language}}</label>
    <select id="f-language" name="language"><option value="">{{t_filter_language_any}}</option>
{{#language_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/language_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/candidates">{{t_filter_reset}}</a></div>
</form>
</details>
<script src="/static/js/filters.js"></script>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}{{#export}} · <a href="{{href}}" id="export-link">{{t_export_csv}}</a>{{/export}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_candidates_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_name}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_name}}>{{#sort_name}}<a class="sort" href="{{href}}">{{t_field_name}}</a>{{/sort_name}}</th>
    <th scope="col"{{#sort_age}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_age}}>{{#sort_age}}<a class="sort" href="{{href}}">{{t_field_age}}</a>{{/sort_age}}</th>
    <th scope="col">{{t_field_school_id}}</th>
    <th scope="col">{{t_field_city}}</th>
    <th scope="col">{{t_field_certificate}}</th>
    <th scope="col">{{t_field_status}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/candidates/{{id}}">{{last_name}}, {{first_name}}</a></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_age}}: </span>{{age}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_school_id}}: </span>{{school_name}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_city}}: </span>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_certificate}}: </span>{{certificate_label}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_status}}: </span><span class="badge">{{status_label}}</span></td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_candidates_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
