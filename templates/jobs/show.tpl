{{%AUTOESCAPE context="HTML"}}
<article class="job">
<p><a href="/jobs">← {{t_jobs_title}}</a></p>
<h1>{{title}}</h1>
<p class="lead">{{occupation_name}} · {{company_name}} · {{postal_code}} {{city}}</p>
<dl class="facts">
  <dt>{{t_field_occupation_id}}</dt><dd>{{occupation_name}} ({{duration_months}} {{t_months}})</dd>
  <dt>{{t_field_company}}</dt><dd>{{company_name}}</dd>
  <dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>
  <dt>{{t_field_start_date}}</dt><dd>{{start_date_local}}</dd>
  <dt>{{t_field_free_places}}</dt><dd>{{free_places}}</dd>
  <dt>{{t_field_min_certificate}}</dt><dd>{{min_certificate_label}}</dd>
  {{#part_time}}<dt>{{t_field_part_time}}</dt><dd>{{t_yes}}</dd>{{/part_time}}
  {{#internship}}<dt>{{t_field_internship}}</dt><dd>{{t_yes}}</dd>{{/internship}}
  {{#has_languages}}<dt>{{t_jobs_languages}}</dt><dd>{{#languages}}<span class="tag">{{value}}</span> {{/languages}}</dd>{{/has_languages}}
  {{#has_pay}}<dt>{{t_field_pay}}</dt><dd><ul class="plain">{{#pay}}<li>{{year}}. {{t_posts_training_year}}: {{euros}} €</li>{{/pay}}</ul></dd>{{/has_pay}}
  {{#show_apply_until}}<dt>{{t_field_apply_until}}</dt><dd>{{apply_until_local}}</dd>{{/show_apply_until}}
  <dt>{{t_field_bodies}}</dt><dd>{{#bodies_labels}}<span class="tag">{{value}}</span> {{/bodies_labels}}</dd>
</dl>
{{#show_description}}<h2>{{t_jobs_about}}</h2>
<p class="notes">{{description}}</p>{{/show_description}}
<section class="apply" aria-labelledby="apply-heading">
  <h2 id="apply-heading">{{t_jobs_apply_heading}}</h2>
  <p>{{t_jobs_apply_text}}</p>
{{#apply}}
  <p><strong>{{name}}</strong></p>
  <ul class="plain">
    {{#phone}}<li>{{t_field_phone}}: <a href="tel:{{tel}}">{{text}}</a></li>{{/phone}}
    {{#email}}<li>{{t_field_email}}: <a href="mailto:{{address}}">{{address}}</a></li>{{/email}}
    {{#address}}<li>{{text}}</li>{{/address}}
    {{#hours}}<li>{{text}}</li>{{/hours}}
  </ul>
{{/apply}}
  <p>{{t_jobs_apply_number}} <strong>{{id}}</strong></p>
</section>
<p class="muted">{{t_jobs_posted}} {{opened_at_local}}</p>
</article>
<script type="application/ld+json">{"@context": "https://schema.org/", "@type": "JobPosting",
 "title": "{{title:o}}",
 "description": "{{ld_description:o}}",
 "datePosted": "{{date_posted:o}}",{{#valid_through}}
 "validThrough": "{{date:o}}",{{/valid_through}}
 "employmentType": {{#part_time}}["FULL_TIME", "PART_TIME"]{{/part_time}}{{#no_part_time}}"FULL_TIME"{{/no_part_time}},
 "hiringOrganization": {"@type": "Organization", "name": "{{company_name:o}}"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "postalCode": "{{postal_code:o}}", "addressLocality": "{{city:o}}", "addressCountry": "DE"}},
 "occupationalCategory": "{{occupation_name:o}}",{{#needs_certificate}}
 "educationRequirements": "{{min_certificate_label:o}}",{{/needs_certificate}}
 "totalJobOpenings": {{free_places}},{{#salary}}
 "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "value": {{euros}}, "unitText": "MONTH"}},{{/salary}}
 "directApply": false,{{#apply}}
 "applicationContact": {"@type": "ContactPoint", "name": "{{name:o}}"{{#phone}}, "telephone": "{{text:o}}"{{/phone}}{{#email}}, "email": "{{address:o}}"{{/email}}},{{/apply}}
 "identifier": {"@type": "PropertyValue", "name": "azubimatch", "value": "{{id}}"},
 "url": "{{url:o}}"}</script>
