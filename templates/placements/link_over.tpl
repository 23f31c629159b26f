{{%AUTOESCAPE context="HTML"}}
<section class="join">
  <h1>{{title}}</h1>
{{#error}}  <p>{{message}}</p>{{/error}}
  <p>{{t_placements_link_ask}}</p>
{{#contact}}{{#known}}  <p>{{name}}<br>{{phone}} {{email}}</p>{{/known}}{{/contact}}
</section>
