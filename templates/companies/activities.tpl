{{%AUTOESCAPE context="HTML"}}
{{#company}}<p><a href="/companies/{{id}}">← {{name}}</a></p>
<h1>{{t_activities_title}}: {{name}}</h1>{{/company}}
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
{{#no_items}}<p class="muted">{{t_activities_none}}</p>{{/no_items}}
{{#pager}}{{#multiple}}<nav class="pager" aria-label="{{t_pager_label}}">{{#prev}}<a href="{{href}}" rel="prev">← {{t_pager_prev}}</a>{{/prev}} <span>{{t_pager_page}} {{page}} / {{pages}}</span> {{#next}}<a href="{{href}}" rel="next">{{t_pager_next}} →</a>{{/next}}</nav>{{/multiple}}{{/pager}}
