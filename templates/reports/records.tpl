{{%AUTOESCAPE context="HTML"}}
<p><a href="{{back}}">← {{t_reports_title}}</a></p>
<h1>{{label}}{{#split}} · {{split_label}}{{/split}}</h1>
<p class="lead">{{t_reports_period}}: {{from}} – {{to}}</p>
<p class="definition"><strong>{{t_reports_definition}}:</strong> {{definition}}</p>
<p class="muted list-count">{{t_list_total}}: {{total}}{{#more}} ({{t_reports_records_more}}){{/more}}</p>
{{#has_items}}
<ul class="plain-list" id="records">
{{#items}}  <li><a href="{{href}}">{{name}}</a> <span class="muted">{{detail}}</span></li>
{{/items}}</ul>
{{/has_items}}
{{#no_items}}<p>{{t_reports_records_none}}</p>{{/no_items}}
