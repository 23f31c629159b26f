{{%AUTOESCAPE context="HTML"}}
<h1>{{t_mfa_title}}</h1>
<div class="notice notice-ok" role="status">{{t_mfa_enabled_done}}</div>
<h2>{{t_mfa_codes_heading}}</h2>
<p>{{t_mfa_codes_explain}}</p>
<ul class="recovery-codes">
{{#recovery_codes}}  <li><code>{{value}}</code></li>
{{/recovery_codes}}</ul>
<p><a href="/me">{{t_mfa_codes_done}}</a></p>
