{{%AUTOESCAPE context="HTML"}}
{{#owner}}<p><a href="{{href}}">← {{name}}</a></p>
<h1>{{t_activities_title}}: {{name}}</h1>{{/owner}}
<p class="muted">{{t_list_total}}: {{total}}</p>
{{#has_items}}
<ol class="timeline">
{{#items}}
  <li>
    <p class="timeline-head"><time datetime="{{date}}">{{date_local}}</time> · <strong>{{kind_label}}</strong> · {{subject}}</p>
    <p class="notes">{{notes}}</p>
    <p class="muted">{{caseworker_name}}</p>
  </li>
{{/items}}
</ol>
{{/has_items}}
{{#no_items}}{{#pager}}{{#no_past_end}}<p class="muted">{{t_activities_none}}</p>{{/no_past_end}}{{/pager}}{{/no_items}}
{{>pager}}
