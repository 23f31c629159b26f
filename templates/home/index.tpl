{{%AUTOESCAPE context="HTML"}}
<section class="hero">
  <h1>{{t_home_heading}}</h1>
  <p class="lead">{{t_home_lead}}</p>
</section>
<section class="cards">
  <article class="card">
    <h2>{{t_home_card_companies_title}}</h2>
    <p>{{t_home_card_companies_text}}</p>
  </article>
  <article class="card">
    <h2>{{t_home_card_youth_title}}</h2>
    <p>{{t_home_card_youth_text}}</p>
  </article>
  <article class="card">
    <h2>{{t_home_card_staff_title}}</h2>
    <p>{{t_home_card_staff_text}}</p>
{{#app}}{{#no_logged_in}}
    <p><a class="button" href="/login">{{t_login}}</a></p>
{{/no_logged_in}}{{/app}}
  </article>
</section>
