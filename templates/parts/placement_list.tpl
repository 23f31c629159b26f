{{%AUTOESCAPE context="HTML"}}
  <h2 id="placements">{{t_placements_section}}</h2>
{{#has_items}}
  <ul class="plain-list">
{{#items}}    <li><a href="/placements/{{id}}">{{candidate_name}} · {{post_title}}</a> <span class="muted">({{company_name}})</span> <span class="badge stage-{{stage}}">{{stage_label}}</span></li>
{{/items}}  </ul>
{{/has_items}}
{{#no_items}}<p class="muted">{{t_placements_none}}</p>{{/no_items}}
