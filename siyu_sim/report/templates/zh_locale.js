// Plotly's few remaining interface words in Chinese (plotly.py ships no locale files).
Plotly.register({moduleType: 'locale', name: 'zh-CN', dictionary: {{ dictionary|tojson }},
                 format: {decimal: '.', thousands: ',', months: {{ months|tojson }}, shortMonths: {{ months|tojson }}}});
