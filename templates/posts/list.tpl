{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_posts_title}}</h1>
</div>
{{#filter}}
{{#company}}<p class="filter-chip">{{t_field_company}}: <strong>{{name}}</strong> · <a href="/companies/{{id}}">{{t_posts_company_page}}</a> · <a href="{{without}}">{{t_posts_all_companies}}</a></p>{{/company}}
<details class="filter-panel">
<summary>{{t_filter_panel}}{{#active}} <span class="filter-count">({{count}} {{t_filter_active}})</span>{{/active}}</summary>
<form method="get" action="/posts" class="filters" role="search">
{{#company}}  <input type="hidden" name="company_id" value="{{id}}">{{/company}}
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}" aria-describedby="q-hint"><p class="hint" id="q-hint">{{t_posts_search_hint}}</p></div>
  <div class="field"><label for="f-status">{{t_field_status}}</label>
    <select id="f-status" name="status"><option value="">{{t_filter_any}}</option>
{{#status_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_options}}    </select></div>
  <div class="field"><label for="f-occupation">{{t_field_occupation_id}}</label>
    <select id="f-occupation" name="occupation_id"><option value="">{{t_filter_any}}</option>
{{#occupations}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/occupations}}    </select></div>
  <div class="field"><label for="f-body">{{t_field_body}}</label>
    <select id="f-body" name="body"><option value="">{{t_filter_any}}</option>
{{#body_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/body_options}}    </select></div>
  <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
  <div class="field"><label for="f-area">{{t_field_area}}</label>
    <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
{{#area_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/area_options}}    </select></div>
  <div class="field"><label for="f-year">{{t_field_start_year}}</label><input id="f-year" name="start_year" value="{{start_year}}" inputmode="numeric" maxlength="4"></div>
  <div class="field"><label for="f-free">{{t_posts_filter_free}}</label><input id="f-free" name="free_places" value="{{free_places}}" inputmode="numeric" maxlength="2"></div>
  <div class="field"><label for="f-cert">{{t_field_min_certificate}}</label>
    <select id="f-cert" name="min_certificate"><option value="">{{t_filter_any}}</option>
{{#min_certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/min_certificate_options}}    </select></div>
  <div class="field"><label for="f-language">{{t_field_language}}</label><input id="f-language" name="language" value="{{language}}" maxlength="2" aria-describedby="f-language-hint"><p class="hint" id="f-language-hint">{{t_filter_language_hint}}</p></div>
  <div class="field"><label for="f-sort">{{t_sort}}</label>
    <select id="f-sort" name="sort">
{{#sort_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/sort_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/posts">{{t_filter_reset}}</a></div>
</form>
</details>
<script src="/static/js/filters.js"></script>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}{{#export}} · <a href="{{href}}">{{t_export_csv}}</a>{{/export}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_posts_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_title}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_title}}>{{#sort_title}}<a class="sort" href="{{href}}">{{t_field_title}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_title}}</th>
    <th scope="col">{{t_field_company}}</th>
    <th scope="col">{{t_field_city}}</th>
    <th scope="col"{{#sort_start}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_start}}>{{#sort_start}}<a class="sort" href="{{href}}">{{t_field_start_date}}{{#is_current}}<span class="sort-mark" aria-hidden="true">{{#ascending}}▲{{/ascending}}{{#no_ascending}}▼{{/no_ascending}}</span>{{/is_current}}</a>{{/sort_start}}</th>
    <th scope="col">{{t_field_free_places}}</th>
    <th scope="col">{{t_field_status}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/posts/{{id}}">{{title}}</a><span class="cell-sub">{{occupation_name}}</span></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_company}}: </span><a href="/companies/{{company_id}}">{{company_name}}</a></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_city}}: </span>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></td>
      <td class="cell-date"><span class="cell-label" aria-hidden="true">{{t_field_start_date}}: </span>{{start_date_local}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_free_places}}: </span>{{free_places}} {{t_posts_of}} {{places}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_status}}: </span><span class="badge post-{{status}}">{{status_label}}</span>{{#expired}} <span class="badge badge-off">{{t_posts_expired}}</span>{{/expired}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_posts_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
