{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{#app}}{{lang}}{{/app}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · {{t_app_name}}</title>
<link rel="stylesheet" href="/static/css/app.css">
<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">{{t_skip_to_content}}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">am</span> {{t_app_name}}</a>
    <nav class="main-nav" aria-label="{{t_nav_label}}">
      <ul>
{{#app}}
        <li><a href="/"{{#at_home}} aria-current="{{aria}}"{{/at_home}}>{{t_nav_home}}</a></li>
{{#no_logged_in}}
        <li><a href="/jobs"{{#at_jobs}} aria-current="{{aria}}"{{/at_jobs}}>{{t_nav_jobs}}</a></li>
        <li><a href="/offer"{{#at_offer}} aria-current="{{aria}}"{{/at_offer}}>{{t_nav_offer}}</a></li>
{{/no_logged_in}}
{{#logged_in}}
        <li><a href="/companies"{{#at_companies}} aria-current="{{aria}}"{{/at_companies}}>{{t_nav_companies}}</a></li>
        <li><a href="/posts"{{#at_posts}} aria-current="{{aria}}"{{/at_posts}}>{{t_nav_posts}}</a></li>
        <li><a href="/offers"{{#at_offers}} aria-current="{{aria}}"{{/at_offers}}>{{t_nav_offers}}</a></li>
        <li><a href="/candidates"{{#at_candidates}} aria-current="{{aria}}"{{/at_candidates}}>{{t_nav_candidates}}</a></li>
        <li><a href="/schools"{{#at_schools}} aria-current="{{aria}}"{{/at_schools}}>{{t_nav_schools}}</a></li>
        <li><a href="/placements"{{#at_placements}} aria-current="{{aria}}"{{/at_placements}}>{{t_nav_placements}}</a></li>
        <li><a href="/events"{{#at_events}} aria-current="{{aria}}"{{/at_events}}>{{t_nav_events}}</a></li>
        <li><a href="/partners"{{#at_partners}} aria-current="{{aria}}"{{/at_partners}}>{{t_nav_partners}}</a></li>
        <li><a href="/followups"{{#at_followups}} aria-current="{{aria}}"{{/at_followups}}>{{t_nav_followups}}</a></li>
        <li><a href="/occupations"{{#at_occupations}} aria-current="{{aria}}"{{/at_occupations}}>{{t_nav_occupations}}</a></li>
        <li><a href="/reports"{{#at_reports}} aria-current="{{aria}}"{{/at_reports}}>{{t_nav_reports}}</a></li>
        {{#is_admin}}<li><a href="/admin/users"{{#at_admin_users}} aria-current="{{aria}}"{{/at_admin_users}}>{{t_nav_users}}</a></li>
        <li><a href="/admin/audit"{{#at_admin_audit}} aria-current="{{aria}}"{{/at_admin_audit}}>{{t_nav_audit}}</a></li>{{/is_admin}}
{{/logged_in}}{{/app}}
      </ul>
    </nav>
    <div class="account">
{{#app}}{{#logged_in}}{{#user}}
      <a class="account-name" href="/me">{{name}}</a>
{{/user}}
      <form method="post" action="/logout" class="inline">
        <input type="hidden" name="csrf_token" value="{{csrf_token}}">
        <button type="submit" class="link-button">{{t_logout}}</button>
      </form>
{{/logged_in}}{{#no_logged_in}}
      <a class="button button-quiet" href="/login">{{t_login}}</a>
{{/no_logged_in}}{{/app}}
    </div>
  </div>
</header>
<main id="main" class="wrap">
{{#notice}}<div class="notice notice-ok" role="status">{{text}}{{#undo}}
  <form method="post" action="{{action}}" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"> <button type="submit" class="link-button">{{label}}</button></form>{{/undo}}</div>{{/notice}}
{{>BODY}}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{t_footer_text}}</p>
    <nav aria-label="{{t_footer_nav_label}}">
      <ul>
        <li><a href="/impressum">{{t_impressum_title}}</a></li>
        <li><a href="/datenschutz">{{t_privacy_title}}</a></li>
        <li><a href="/about">{{t_nav_about}}</a></li>
        <li><a href="/lang/de?next={{request_path}}" lang="de" hreflang="de">Deutsch</a></li>
        <li><a href="/lang/en?next={{request_path}}" lang="en" hreflang="en">English</a></li>
      </ul>
    </nav>
  </div>
</footer>
</body>
</html>
