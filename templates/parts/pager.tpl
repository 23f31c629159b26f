{{%AUTOESCAPE context="HTML"}}
{{#past_end}}<p class="notice notice-warn" role="status" id="past-end">{{t_pager_past_end}} <a href="{{href}}">{{t_pager_to_last}} ({{page}})</a></p>{{/past_end}}
{{#multiple}}<nav class="pager" aria-label="{{t_pager_label}}">
<ul>
{{#prev}}  <li><a href="{{href}}" rel="prev">‹ {{t_pager_prev}}</a></li>
{{/prev}}{{#numbers}}  <li>{{#gap}}<span class="pager-gap">…</span>{{/gap}}{{#is_current}}<a href="{{href}}" aria-current="page"><span class="visually-hidden">{{t_pager_page}} </span>{{page}}</a>{{/is_current}}{{#no_is_current}}<a href="{{href}}"><span class="visually-hidden">{{t_pager_page}} </span>{{page}}</a>{{/no_is_current}}</li>
{{/numbers}}{{#next}}  <li><a href="{{href}}" rel="next">{{t_pager_next}} ›</a></li>
{{/next}}</ul>
</nav>{{/multiple}}
