{{%AUTOESCAPE context="HTML"}}
<section class="jobs">
<h1>{{t_jobs_title}}</h1>
<p class="lead">{{t_jobs_lead}}</p>
{{#filter}}
<form method="get" action="/jobs" class="job-search" role="search">
  <div class="field"><label for="q">{{t_jobs_what}}</label><input id="q" name="q" type="search" value="{{q}}" aria-describedby="q-hint"><p class="hint" id="q-hint">{{t_jobs_what_hint}}</p></div>
  <div class="field-row">
    <div class="field{{#errors}}{{#plz}} has-problem{{/plz}}{{/errors}}"><label for="plz">{{t_jobs_near_plz}}</label><input id="plz" name="plz" value="{{plz}}" inputmode="numeric" maxlength="5" autocomplete="postal-code"{{#errors}}{{#plz}} aria-invalid="true" aria-describedby="plz-problem"{{/plz}}{{/errors}}>{{#errors}}{{#plz}}<p class="problem" id="plz-problem">{{message}}</p>{{/plz}}{{/errors}}</div>
    <div class="field"><label for="km">{{t_jobs_km}}</label>
      <select id="km" name="km">
{{#km_options}}        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}} km</option>
{{/km_options}}      </select></div>
  </div>
  <details class="more-filters">
    <summary>{{t_jobs_more_filters}}{{#active}} <span class="filter-count">({{count}} {{t_filter_active}})</span>{{/active}}</summary>
    <div class="field"><label for="f-occupation">{{t_field_occupation_id}}</label>
      <select id="f-occupation" name="occupation_id"><option value="">{{t_filter_any}}</option>
{{#occupations}}        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/occupations}}      </select></div>
    <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
    <div class="field"><label for="f-year">{{t_jobs_start_year}}</label>
      <select id="f-year" name="start_year"><option value="">{{t_filter_any}}</option>
{{#years}}        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/years}}      </select></div>
    <div class="field"><label for="f-body">{{t_field_body}}</label>
      <select id="f-body" name="body"><option value="">{{t_filter_any}}</option>
{{#body_options}}        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/body_options}}      </select></div>
    <div class="field"><label for="f-area">{{t_field_area}}</label>
      <select id="f-area" name="area"><option value="">{{t_filter_any}}</option>
{{#area_options}}        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/area_options}}      </select></div>
  </details>
  <div class="filter-actions"><button type="submit">{{t_jobs_search}}</button> <a href="/jobs">{{t_filter_reset}}</a></div>
</form>
{{/filter}}
<p class="muted list-count">{{t_jobs_found}}: {{total}} · <a href="/jobs.atom" type="application/atom+xml">{{t_jobs_feed}}</a></p>
{{#has_items}}
<ul class="job-cards">
{{#items}}
  <li class="job-card">
    <h2><a href="/jobs/{{id}}">{{title}}</a></h2>
    <p class="job-occupation">{{occupation_name}}</p>
    <p>{{company_name}} · {{postal_code}} {{city}}</p>
    <p>{{t_field_start_date}}: {{start_date_local}} · {{t_field_free_places}}: {{free_places}}{{#part_time}} · {{t_jobs_part_time}}{{/part_time}}</p>
  </li>
{{/items}}
</ul>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_jobs_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
</section>
