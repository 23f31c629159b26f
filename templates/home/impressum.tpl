{{%AUTOESCAPE context="HTML"}}
<section class="legal">
<h1>{{t_impressum_title}}</h1>
{{#incomplete}}<div class="notice notice-warn" role="status">{{t_legal_incomplete}}</div>{{/incomplete}}
<h2>{{t_impressum_operator}}</h2>
<address>
{{#operator_name}}<p><strong>{{text}}</strong></p>{{/operator_name}}
{{#operator_address}}<p>{{text}}</p>{{/operator_address}}
{{#operator_representative}}<p>{{t_impressum_representative}}: {{text}}</p>{{/operator_representative}}
</address>
{{#contact}}
<h2>{{t_impressum_contact}}</h2>
<dl class="facts">
{{#operator_phone}}<dt>{{t_field_phone}}</dt><dd>{{#dial}}<a href="tel:{{tel}}">{{text}}</a>{{/dial}}{{#no_dial}}{{text}}{{/no_dial}}</dd>{{/operator_phone}}
{{#operator_email}}<dt>{{t_field_email}}</dt><dd><a href="mailto:{{text}}">{{text}}</a></dd>{{/operator_email}}
</dl>
{{/contact}}
{{#operator_register}}<h2>{{t_impressum_register}}</h2>
<p>{{text}}</p>{{/operator_register}}
{{#content_responsible}}<h2>{{t_impressum_responsible}}</h2>
<p>{{text}}</p>{{/content_responsible}}
<p><a href="/datenschutz">{{t_privacy_title}}</a></p>
</section>
