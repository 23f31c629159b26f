{{%AUTOESCAPE context="HTML"}}
<section class="legal">
<h1>{{t_privacy_title}}</h1>
{{#incomplete}}<div class="notice notice-warn" role="status">{{t_legal_incomplete}}</div>{{/incomplete}}
<h2>{{t_privacy_controller}}</h2>
<address>
{{#operator_name}}<p><strong>{{text}}</strong></p>{{/operator_name}}
{{#operator_address}}<p>{{text}}</p>{{/operator_address}}
{{#operator_phone}}<p>{{t_field_phone}}: {{#dial}}<a href="tel:{{tel}}">{{text}}</a>{{/dial}}{{#no_dial}}{{text}}{{/no_dial}}</p>{{/operator_phone}}
{{#operator_email}}<p>{{t_field_email}}: <a href="mailto:{{text}}">{{text}}</a></p>{{/operator_email}}
</address>
{{#privacy_officer}}<h2>{{t_privacy_officer}}</h2>
<p>{{text}}</p>{{/privacy_officer}}
<h2>{{t_privacy_visit_heading}}</h2>
<p>{{t_privacy_visit_log}}</p>
<p>{{t_privacy_visit_cookies}}</p>
<p>{{t_privacy_visit_none}}</p>
<h2>{{t_privacy_staff_heading}}</h2>
<p>{{t_privacy_staff_text}}</p>
<h2>{{t_privacy_records_heading}}</h2>
<p>{{t_privacy_records_text}}</p>
<h2>{{t_privacy_offer_heading}}</h2>
<p>{{t_privacy_offer_text}}</p>
<p>{{t_privacy_offer_public}}</p>
<h2>{{t_privacy_rights_heading}}</h2>
<p>{{t_privacy_rights_text}}</p>
{{#privacy_authority}}<p>{{t_privacy_authority}}: {{text}}</p>{{/privacy_authority}}
<p><a href="/impressum">{{t_impressum_title}}</a></p>
</section>
