{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_offers_title}}</h1>
</div>
<nav class="tabs" aria-label="{{t_offers_tabs}}">
  <ul>
    <li><a href="/offers"{{#showing_pending}} aria-current="page"{{/showing_pending}}>{{t_offers_tab_pending}}</a></li>
    <li><a href="/offers?all=1"{{#showing_all}} aria-current="page"{{/showing_all}}>{{t_offers_tab_all}}</a></li>
  </ul>
</nav>
<p class="muted list-count">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<div class="table-wrap">
<table class="list">
  <caption class="visually-hidden">{{t_offers_title}}</caption>
  <thead><tr>
    <th scope="col">{{t_offers_column_company}}</th>
    <th scope="col">{{t_field_city}}</th>
    <th scope="col">{{t_offers_column_posts}}</th>
    <th scope="col">{{t_offers_column_match}}</th>
    <th scope="col">{{t_offers_column_received}}</th>
    <th scope="col">{{t_field_status}}</th>
  </tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td class="cell-main"><a href="/offers/{{id}}">{{name}}</a></td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_city}}: </span>{{postal_code}} {{city}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_offers_column_posts}}: </span>{{posts_count}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_offers_column_match}}: </span>{{match_state_label}}</td>
      <td class="cell-date"><span class="cell-label" aria-hidden="true">{{t_offers_column_received}}: </span>{{created_at_local}}</td>
      <td><span class="cell-label" aria-hidden="true">{{t_field_status}}: </span><span class="badge offer-{{status}}">{{status_label}}</span></td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p>{{t_offers_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
