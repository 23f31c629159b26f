{{%AUTOESCAPE context="HTML"}}
<p><a href="/occupations">← {{t_occupations_title}}</a></p>
<div class="page-head">
  <h1>{{name}}</h1>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<dl class="facts">
  <dt>{{t_field_duration_months}}</dt><dd>{{duration_months}} {{t_months}}</dd>
  <dt>{{t_field_bodies}}</dt><dd>{{#body_labels}}<span class="tag">{{value}}</span> {{/body_labels}}</dd>
  <dt>{{t_field_legal_basis}}</dt><dd>{{legal_basis}}</dd>
  <dt>{{t_field_regulation}}</dt><dd>{{regulation}} ({{year}})</dd>
  <dt>{{t_field_active}}</dt><dd>{{#active}}{{t_occupations_active}}{{/active}}{{#no_active}}<span class="badge badge-off">{{t_occupations_inactive}}</span>{{/no_active}}</dd>
  <dt>{{t_field_open_posts}}</dt><dd>{{open_posts}} · <a href="/posts?occupation_id={{id}}&amp;status=open">{{t_occupations_open_posts_link}}</a></dd>
</dl>
{{#is_admin}}
<section class="admin-actions">
  <h2>{{t_occupations_admin_heading}}</h2>
  <form method="post" action="/occupations/{{id}}" class="inline">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#active}}    <input type="hidden" name="active" value="0">
    <p>{{t_occupations_mark_inactive_text}}</p>
    <button type="submit">{{t_occupations_mark_inactive}}</button>{{/active}}
{{#no_active}}    <input type="hidden" name="active" value="1">
    <button type="submit">{{t_occupations_mark_active}}</button>{{/no_active}}
  </form>
{{#deletable}}
  <form method="post" action="/occupations/{{id}}/delete" class="inline">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <p>{{t_occupations_delete_text}}</p>
    <button type="submit" class="button-danger">{{t_occupations_delete}}</button>
  </form>
{{/deletable}}
{{#no_deletable}}<p class="muted">{{t_occupations_in_use_hint}}</p>{{/no_deletable}}
</section>
{{/is_admin}}
