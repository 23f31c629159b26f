{{%AUTOESCAPE context="HTML"}}
{{#candidate}}
<p><a href="/candidates/{{id}}">← {{last_name}}, {{first_name}}</a></p>
<div class="page-head">
  <h1>{{t_matches_for_candidate_title}}</h1>
</div>
<p>{{last_name}}, {{first_name}} · {{age}} {{t_matches_years}} · {{city}} · {{certificate_label}} · <span class="badge">{{status_label}}</span></p>
{{/candidate}}
<p class="notice" role="note">{{t_matches_art22}}</p>
{{#no_eligible}}<p class="notice notice-warn" role="status">{{t_matches_candidate_not_active}}</p>{{/no_eligible}}
{{#filter}}
<details class="filter-panel">
<summary>{{t_filter_panel}}</summary>
<form method="get" action="/candidates/{{candidate_id}}/matches" class="filters" role="search">
  <div class="field"><label for="f-min-score">{{t_matches_min_score}}</label><input id="f-min-score" name="min_score" type="number" min="0" max="100" inputmode="numeric" value="{{min_score}}"></div>
  <div class="field"><label for="f-city">{{t_field_city}}</label><input id="f-city" name="city" value="{{city}}"></div>
  <div class="field"><label for="f-cert">{{t_field_min_certificate}}</label>
    <select id="f-cert" name="certificate"><option value="">{{t_filter_any}}</option>
{{#certificate_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/certificate_options}}    </select></div>
  <div class="field"><label for="f-max-km">{{t_matches_max_km}}</label><input id="f-max-km" name="max_km" type="number" min="0" max="500" inputmode="numeric" value="{{max_km}}"></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/candidates/{{candidate_id}}/matches">{{t_filter_reset}}</a></div>
</form>
</details>
<script src="/static/js/filters.js"></script>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list matches">
  <caption class="visually-hidden">{{t_matches_for_candidate_title}}</caption>
  <thead><tr>
    <th scope="col">{{t_matches_score}}</th>
    <th scope="col">{{t_field_title}}</th>
    <th scope="col">{{t_matches_reasons}}</th>
{{#can_write}}    <th scope="col"><span class="visually-hidden">{{t_matches_propose}}</span></th>
{{/can_write}}  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="match-score"><span class="score-number">{{score}}</span><span class="visually-hidden"> / 100</span><br><meter min="0" max="100" low="40" high="70" optimum="100" value="{{score}}">{{score}} / 100</meter></td>
      <td class="cell-main"><a href="/posts/{{post_id}}">{{title}}</a><br>
        <span class="muted">{{company_name}} · {{city}} · {{t_field_start_date}}: {{start_date_local}}</span></td>
      <td><ul class="match-reasons">
      {{#reasons}}  <li><span class="match-points">{{points}}/{{weight}}</span> <strong>{{label}}:</strong> {{detail}}</li>
      {{/reasons}}</ul></td>
{{#can_write}}      <td>{{#no_placement_id}}<form method="post" action="/placements" class="inline">
        <input type="hidden" name="csrf_token" value="{{csrf_token}}">
        <input type="hidden" name="candidate_id" value="{{candidate_id}}">
        <input type="hidden" name="post_id" value="{{post_id}}">
        <button type="submit">{{t_matches_propose}}<span class="visually-hidden">: {{title}}</span></button>
      </form>{{/no_placement_id}}{{#placement}}<a href="/placements/{{id}}">{{t_matches_proposed}}</a>{{/placement}}</td>
{{/can_write}}    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_matches_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
