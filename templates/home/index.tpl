{{%AUTOESCAPE context="HTML"}}
{{#app}}{{#logged_in}}
<section class="hero">
  <h1>{{t_home_staff_heading}}{{#user}}, {{name}}{{/user}}</h1>
</section>
<section class="cards">
  <article class="card">
    <h2>{{t_home_followups_due}}</h2>
    <p class="big-number">{{followups_due}}</p>
    {{#has_followups_due}}<p><a class="button" href="/followups">{{t_home_followups_link}}</a></p>{{/has_followups_due}}
    {{#no_followups_due}}<p class="muted">{{t_home_no_followups}}</p>{{/no_followups_due}}
  </article>
  <article class="card">
    <h2>{{t_home_offers_pending}}</h2>
    <p class="big-number" id="offers-pending">{{offers_pending}}</p>
    {{#has_offers_pending}}<p><a class="button" href="/offers">{{t_home_offers_link}}</a></p>{{/has_offers_pending}}
    {{#no_offers_pending}}<p class="muted">{{t_home_no_offers}}</p>{{/no_offers_pending}}
  </article>
  <article class="card card-wide" aria-labelledby="answers-heading">
    <h2 id="answers-heading">{{t_home_answers}}</h2>
{{#has_answers}}
    <ul class="plain-list">
{{#answers}}      <li><a href="/placements/{{placement_id}}"><strong>{{answer_label}}</strong>: {{candidate_name}} · {{post_title}}</a> <span class="muted">({{company_name}}, {{at_local}})</span>{{#message_box}}<br><span class="notes">{{text}}</span>{{/message_box}}</li>
{{/answers}}    </ul>
{{/has_answers}}
{{#no_answers}}<p class="muted">{{t_home_no_answers}}</p>{{/no_answers}}
  </article>
{{#own_figures}}  <article class="card card-wide" id="own-figures" aria-labelledby="own-figures-heading">
    <h2 id="own-figures-heading">{{t_home_own_figures}} {{year}}</h2>
    <p class="muted">{{t_home_own_figures_hint}}</p>
    <dl class="facts">
{{#items}}      <dt>{{label}}</dt>
      <dd>{{value}}</dd>
{{/items}}    </dl>
    <p><a href="/reports">{{t_home_reports_link}}</a></p>
  </article>
{{/own_figures}}  <article class="card">
    <h2>{{t_nav_companies}}</h2>
    <p><a href="/companies">{{t_companies_title}}</a>{{#can_write}} · <a href="/companies/new">{{t_companies_new_title}}</a>{{/can_write}}</p>
  </article>
</section>
{{/logged_in}}
{{#no_logged_in}}
<section class="hero">
  <h1>{{t_home_heading}}</h1>
  <p class="lead">{{t_home_lead}}</p>
</section>
<section class="cards">
  <article class="card">
    <h2>{{t_home_card_companies_title}}</h2>
    <p>{{t_home_card_companies_text}}</p>
    <p><a class="button" href="/offer">{{t_home_offer_link}}</a></p>
    <p><a href="/impressum">{{t_home_contact_link}}</a></p>
  </article>
  <article class="card">
    <h2>{{t_home_card_youth_title}}</h2>
    <p>{{t_home_card_youth_text}}</p>
    <p><a class="button" href="/jobs">{{t_home_jobs_link}}</a></p>
    <p><a href="/impressum">{{t_home_contact_link}}</a></p>
  </article>
  <article class="card">
    <h2>{{t_home_card_staff_title}}</h2>
    <p>{{t_home_card_staff_text}}</p>
    <p><a class="button" href="/login">{{t_login}}</a></p>
  </article>
</section>
{{/no_logged_in}}{{/app}}
