{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_events_title}}</h1>
  <div class="actions">{{#can_write}}<a class="button" href="/events/new">{{t_events_new_title}}</a>{{/can_write}}</div>
</div>
{{#filter}}
<form method="get" action="/events" class="filters" role="search">
  <div class="field field-wide"><label for="q">{{t_search}}</label><input id="q" name="q" type="search" value="{{q}}"></div>
  <div class="field"><label for="f-kind">{{t_field_event_kind}}</label>
    <select id="f-kind" name="kind"><option value="">{{t_filter_any}}</option>
{{#kind_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/kind_options}}    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_filter_apply}}</button> <a href="/events">{{t_filter_reset}}</a></div>
</form>
{{/filter}}
<p class="muted list-count">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_events_title}}</caption>
  <thead><tr>
    <th scope="col"{{#sort_date}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_date}}>{{#sort_date}}<a class="sort" href="{{href}}">{{t_field_date}}</a>{{/sort_date}}</th>
    <th scope="col"{{#sort_title}}{{#is_current}} aria-sort="{{direction}}"{{/is_current}}{{/sort_title}}>{{#sort_title}}<a class="sort" href="{{href}}">{{t_field_title}}</a>{{/sort_title}}</th>
    <th scope="col">{{t_field_event_kind}}</th>
    <th scope="col">{{t_field_location}}</th>
    <th scope="col">{{t_events_participants}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-date">{{date_local}}</td>
      <td class="cell-main"><a href="/events/{{id}}">{{title}}</a></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_event_kind}}: </span>{{kind_label}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_location}}: </span>{{location}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_events_participants}}: </span>{{participants_count}} ({{attended_count}} {{t_events_attended}})</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_events_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
