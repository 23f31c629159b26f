{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_companies_title}}</h1>
  <div class="actions">
{{#can_write}}
    <a class="button" href="/companies/new">{{t_companies_new_title}}</a>
{{/can_write}}
  </div>
</div>
{{#deleted}}<div class="notice notice-ok" role="status">{{t_companies_deleted}}</div>{{/deleted}}
{{#filter}}
<form method="get" action="/companies" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}" placeholder="{{t_companies_search_placeholder}}"></div>
  <div class="field"><label for="f-status">{{t_field_training_status}}</label>
    <select id="f-status" name="training_status"><option value="">{{t_filter_any}}</option>
      <option value="none"{{#training_status_none}} selected{{/training_status_none}}>{{t_training_status_none}}</option>
      <option value="interested"{{#training_status_interested}} selected{{/training_status_interested}}>{{t_training_status_interested}}</option>
      <option value="in_progress"{{#training_status_in_progress}} selected{{/training_status_in_progress}}>{{t_training_status_in_progress}}</option>
      <option value="authorised"{{#training_status_authorised}} selected{{/training_status_authorised}}>{{t_training_status_authorised}}</option>
      <option value="training"{{#training_status_training}} selected{{/training_status_training}}>{{t_training_status_training}}</option>
    </select></div>
  <div class="field"><label for="f-chamber">{{t_field_chamber}}</label>
    <select id="f-chamber" name="chamber"><option value="">{{t_filter_any}}</option>
      <option value="ihk"{{#chamber_ihk}} selected{{/chamber_ihk}}>{{t_chamber_ihk}}</option>
      <option value="hwk"{{#chamber_hwk}} selected{{/chamber_hwk}}>{{t_chamber_hwk}}</option>
      <option value="other"{{#chamber_other}} selected{{/chamber_other}}>{{t_chamber_other}}</option>
      <option value="none"{{#chamber_none}} selected{{/chamber_none}}>{{t_chamber_none}}</option>
    </select></div>
  <div class="field"><label for="f-mig">{{t_field_owner_migration_background}}</label>
    <select id="f-mig" name="owner_migration_background"><option value="">{{t_filter_any}}</option>
      <option value="yes"{{#owner_migration_background_yes}} selected{{/owner_migration_background_yes}}>{{t_owner_migration_background_yes}}</option>
      <option value="no"{{#owner_migration_background_no}} selected{{/owner_migration_background_no}}>{{t_owner_migration_background_no}}</option>
      <option value="unknown"{{#owner_migration_background_unknown}} selected{{/owner_migration_background_unknown}}>{{t_owner_migration_background_unknown}}</option>
    </select></div>
  <div class="field"><label for="f-area">{{t_field_area}}</label>
    <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
      <option value="stadt"{{#area_stadt}} selected{{/area_stadt}}>{{t_area_stadt}}</option>
      <option value="kreis"{{#area_kreis}} selected{{/area_kreis}}>{{t_area_kreis}}</option>
      <option value="region"{{#area_region}} selected{{/area_region}}>{{t_area_region}}</option>
    </select></div>
  <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
  <div class="field"><label for="f-cw">{{t_field_caseworker_id}}</label>
    <select id="f-cw" name="caseworker_id"><option value="">{{t_filter_any}}</option>
{{#caseworkers}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/caseworkers}}    </select></div>
  <div class="field"><label for="f-tag">{{t_field_tag}}</label><input id="f-tag" name="tag" value="{{tag}}"></div>
  <div class="field"><label for="f-sort">{{t_sort}}</label>
    <select id="f-sort" name="sort">
      <option value="name"{{#sort_name}} selected{{/sort_name}}>{{t_sort_name}}</option>
      <option value="updated"{{#sort_updated}} selected{{/sort_updated}}>{{t_sort_updated}}</option>
      <option value="created"{{#sort_created}} selected{{/sort_created}}>{{t_sort_created}}</option>
      <option value="postal_code"{{#sort_postal_code}} selected{{/sort_postal_code}}>{{t_sort_postal_code}}</option>
      <option value="status"{{#sort_status}} selected{{/sort_status}}>{{t_sort_status}}</option>
    </select></div>
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
