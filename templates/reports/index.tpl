{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_reports_title}}</h1>
  <div class="actions">
    <a class="button" href="{{csv_href}}" id="report-csv">{{t_reports_csv}}</a>
    <a class="button button-secondary" href="{{xlsx_href}}" id="report-xlsx">{{t_reports_xlsx}}</a>
  </div>
</div>
<form method="get" action="/reports" class="filters" role="search">
  <div class="field"><label for="r-from">{{t_reports_from}}</label><input id="r-from" name="from" type="date" value="{{from}}" required></div>
  <div class="field"><label for="r-to">{{t_reports_to}}</label><input id="r-to" name="to" type="date" value="{{to}}" required></div>
  <div class="field"><label for="r-per">{{t_reports_per}}</label>
    <select id="r-per" name="per">
      <option value="month"{{#per_month}} selected{{/per_month}}>{{t_reports_per_month}}</option>
      <option value="quarter"{{#per_quarter}} selected{{/per_quarter}}>{{t_reports_per_quarter}}</option>
    </select></div>
  <div class="field filter-actions"><button type="submit">{{t_reports_show}}</button></div>
</form>
<p class="lead">{{t_reports_period}}: {{from_local}} – {{to_local}}</p>
<p class="muted">{{t_reports_suppression_rule}}</p>

<div class="table-wrap">
<table class="list report-table" id="report-table">
  <caption>{{t_reports_overview}} ({{from_local}} – {{to_local}})</caption>
  <thead><tr>
    <th scope="col">{{t_reports_col_indicator}}</th>
    <th scope="col">{{t_reports_col_total}}</th>
  </tr></thead>
  <tbody>
{{#indicators}}
    <tr id="row-{{key}}">
      <th scope="row"><a href="#ind-{{key}}">{{label}}</a></th>
      <td class="num">{{#total_link}}<a href="{{href}}">{{total_text}}</a>{{/total_link}}{{#no_total_link}}{{total_text}}{{/no_total_link}}</td>
    </tr>
{{/indicators}}
  </tbody>
</table>
</div>

{{#indicators}}
<section class="report-indicator" id="ind-{{key}}" aria-labelledby="h-{{key}}">
  <h2 id="h-{{key}}">{{label}}: {{#total_link}}<a href="{{href}}">{{total_text}}</a>{{/total_link}}{{#no_total_link}}{{total_text}}{{/no_total_link}}</h2>
  <p class="definition"><strong>{{t_reports_definition}}:</strong> {{definition}}</p>
  <div class="chart-row">
    <figure class="chart-figure">{{chart:none}}</figure>
    <div class="table-wrap">
    <table class="list series">
      <caption>{{label}} – {{t_reports_series}}</caption>
      <thead><tr><th scope="col">{{t_reports_col_period}}</th><th scope="col">{{t_reports_col_value}}</th></tr></thead>
      <tbody>
{{#series}}        <tr><th scope="row">{{period}}</th><td class="num">{{value}}</td></tr>
{{/series}}      </tbody>
    </table>
    </div>
  </div>
{{#has_splits}}
  <div class="chart-row">
{{#split_charts}}    <figure class="chart-figure">{{svg:none}}</figure>
{{/split_charts}}  </div>
  <div class="chart-row">
{{#splits}}
    <div class="table-wrap">
    <table class="list split">
      <caption>{{title}}</caption>
      <tbody>
{{#rows}}        <tr><th scope="row">{{label}}</th><td class="num">{{#link}}<a href="{{href}}">{{value}}</a>{{/link}}{{#no_link}}{{value}}{{/no_link}}</td></tr>
{{/rows}}      </tbody>
    </table>
    </div>
{{/splits}}
  </div>
{{/has_splits}}
</section>
{{/indicators}}
