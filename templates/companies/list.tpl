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
  <div class="field"><label for="f-language">{{t_field_language}}</label><input id="f-language" name="language" value="{{language}}" maxlength="2" placeholder="tr"></div>
  <div class="field"><label for="f-sort">{{t_sort}}</label>
    <select id="f-sort" name="sort">
{{#sort_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/sort_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/companies">{{t_filter_reset}}</a></div>
</form>
{{/filter}}
<p class="muted">{{t_list_total}}: {{total}}{{#can_write}} · <a href="{{export_href}}" id="export-link">{{t_companies_export}}</a>{{/can_write}}</p>
{{#has_items}}
<div class="table-wrap">
<table>
  <thead><tr><th>{{t_field_name}}</th><th>{{t_field_city}}</th><th>{{t_field_industry}}</th><th>{{t_field_training_status}}</th><th>{{t_field_chamber}}</th><th>{{t_field_caseworker_id}}</th></tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td><a href="/companies/{{id}}">{{name}}</a>{{#tags}} <span class="tag">{{value}}</span>{{/tags}}</td>
      <td>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></td>
      <td>{{industry}}</td>
      <td><span class="badge status-{{training_status}}">{{training_status_label}}</span></td>
      <td>{{chamber_label}}</td>
      <td>{{caseworker_name}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}<p>{{t_companies_none}}</p>{{/no_items}}
{{#pager}}{{#multiple}}<nav class="pager" aria-label="{{t_pager_label}}">{{#prev}}<a href="{{href}}" rel="prev">← {{t_pager_prev}}</a>{{/prev}} <span>{{t_pager_page}} {{page}} / {{pages}}</span> {{#next}}<a href="{{href}}" rel="next">{{t_pager_next}} →</a>{{/next}}</nav>{{/multiple}}{{/pager}}
