{{%AUTOESCAPE context="HTML"}}
<p><a href="/posts">← {{t_posts_title}}</a> · <a href="/companies/{{company_id}}">{{company_name}}</a></p>
<div class="page-head">
  <h1>{{title}}</h1>
  <div class="actions">
    <a class="button" href="/posts/{{id}}/matches">{{t_matches_for_post_title}}</a>
{{#can_write}}
    <a class="button" href="/posts/{{id}}/edit">{{t_edit}}</a>
{{/can_write}}
  </div>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<section aria-labelledby="status-heading" class="status-box">
  <h2 id="status-heading">{{t_field_status}}: <span class="badge post-{{status}}">{{status_label}}</span>{{#expired}} <span class="badge badge-off">{{t_posts_expired}}</span>{{/expired}}</h2>
  {{#public}}<p><a href="/jobs/{{id}}">{{t_posts_public_link}}</a></p>{{/public}}
{{#can_write}}{{#has_moves}}
  <div class="actions">
{{#moves}}
    <form method="post" action="/posts/{{id}}/status" class="inline">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
      <input type="hidden" name="from" value="{{from}}">
      <input type="hidden" name="status" value="{{to}}">
      <button type="submit">{{label}}</button>
    </form>
{{/moves}}
  </div>
{{/has_moves}}{{/can_write}}
</section>
<div class="columns">
<section>
  <h2>{{t_posts_section_post}}</h2>
  <dl class="facts">
    <dt>{{t_field_occupation_id}}</dt><dd><a href="/occupations/{{occupation_id}}">{{occupation_name}}</a></dd>
    <dt>{{t_field_bodies}}</dt><dd>{{#bodies_labels}}<span class="tag">{{value}}</span> {{/bodies_labels}}</dd>
    <dt>{{t_field_company}}</dt><dd><a href="/companies/{{company_id}}">{{company_name}}</a></dd>
    <dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>
    <dt>{{t_field_start_date}}</dt><dd>{{start_date_local}}</dd>
    <dt>{{t_field_places}}</dt><dd>{{places}} ({{t_field_free_places}}: {{free_places}})</dd>
    <dt>{{t_field_min_certificate}}</dt><dd>{{min_certificate_label}}</dd>
    <dt>{{t_field_part_time}}</dt><dd>{{#part_time}}{{t_yes}}{{/part_time}}{{#no_part_time}}{{t_no}}{{/no_part_time}}</dd>
    <dt>{{t_field_internship}}</dt><dd>{{#internship}}{{t_yes}}{{/internship}}{{#no_internship}}{{t_no}}{{/no_internship}}</dd>
    {{#has_languages}}<dt>{{t_field_languages}}</dt><dd>{{#languages}}<span class="tag">{{value}}</span> {{/languages}}</dd>{{/has_languages}}
    {{#has_pay}}<dt>{{t_field_pay}}</dt><dd><ul class="plain">{{#pay}}<li>{{year}}. {{t_posts_training_year}}: {{euros}} €</li>{{/pay}}</ul></dd>{{/has_pay}}
    {{#show_apply_until}}<dt>{{t_field_apply_until}}</dt><dd>{{apply_until_local}}</dd>{{/show_apply_until}}
  </dl>
</section>
<section>
  <h2>{{t_posts_section_contact}}</h2>
  <dl class="facts">
    <dt>{{t_field_contact_id}}</dt><dd>{{contact_name}}{{#no_contact_name}}<span class="muted">–</span>{{/no_contact_name}}{{#contact_tel}}<br><a href="tel:{{tel}}">{{text}}</a>{{/contact_tel}}</dd>
    <dt>{{t_field_expires_on}}</dt><dd>{{expires_on_local}}{{#no_expires_on}}<span class="muted">{{t_posts_no_expiry}}</span>{{/no_expires_on}}</dd>
    <dt>{{t_field_opened_at}}</dt><dd>{{opened_at_local}}{{#no_opened_at}}<span class="muted">–</span>{{/no_opened_at}}</dd>
    {{#offer}}<dt>{{t_posts_from_offer}}</dt><dd><a href="/offers/{{id}}">{{t_posts_offer_link}}</a></dd>{{/offer}}
  </dl>
  {{#show_description}}<h2>{{t_field_description}}</h2><p class="notes">{{description}}</p>{{/show_description}}
</section>
</div>
<section>
{{>placement_list}}
</section>
